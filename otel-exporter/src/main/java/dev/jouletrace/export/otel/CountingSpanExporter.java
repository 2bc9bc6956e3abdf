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
    int count = spans.size();
    destination.handed.addAndGet(count);
    CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (RuntimeException e) {
      destination.failed(count, describe(e));
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            destination.delivered.addAndGet(count);
          } else {
            destination.failed(count, describe(result.getFailureThrowable()));
          }
        });
    return result;
  }

  String describe(Throwable failure) {
    return DeliveryLedger.describe(failure, destination);
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
