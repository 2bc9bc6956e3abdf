package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;

/**
 * A metric exporter that tells its {@link DeliveryLedger.Destination} what became of each batch,
 * counted in data points.
 */
final class CountingMetricExporter implements MetricExporter {
  private final MetricExporter delegate;
  private final DeliveryLedger.Destination destination;

  CountingMetricExporter(MetricExporter delegate, DeliveryLedger.Destination destination) {
    this.delegate = delegate;
    this.destination = destination;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    long points = 0;
    for (MetricData metric : metrics) {
      points += metric.getData().getPoints().size();
    }
    return destination.track(points, () -> delegate.export(metrics));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return delegate.getMemoryMode();
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
    return "CountingMetricExporter{" + delegate + "}";
  }
}
