package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** An exporter that tells its {@link DeliveryLedger.Destination} what became of each batch. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final DeliveryLedger.Destination destination;

  CountingSpanExporter(SpanExporter delegate, DeliveryLedger.Destination destination) {
    this.delegate = delegate;
    this.destination = destination;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return destination.track(spans.size(), () -> delegate.export(spans));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "CountingSpanExporter{" + delegate + "}";
  }
}
