package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;

/**
 * Gives the OTLP exporter our {@link SocketHttpSender}. Handed to the SDK by {@link
 * ExportComponents}, never found through {@code META-INF/services}, so that each sender reports to
 * the ledger of the SDK that made it.
 */
final class SocketHttpSenderProvider implements HttpSenderProvider {
  private final DeliveryLedger ledger;

  SocketHttpSenderProvider(DeliveryLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    return new SocketHttpSender(config, ledger.senderCreated(config.getEndpoint()));
  }
}
