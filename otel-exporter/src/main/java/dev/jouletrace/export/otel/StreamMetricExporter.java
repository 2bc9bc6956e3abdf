package dev.jouletrace.export.otel;

import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * {@code otel.metrics.exporter=console} (one line per point) and {@code logging-otlp} (one OTLP
 * JSON {@code ResourceMetrics} per line), on standard error, written to the stream directly for the
 * same reason as the span exporters of those names: the last collection happens at exit, when
 * java.util.logging's handlers are closed.
 */
final class StreamMetricExporter implements MetricExporter {
  private final PrintStream out;
  private final boolean otlpJson;

  private StreamMetricExporter(PrintStream out, boolean otlpJson) {
    this.out = out;
    this.otlpJson = otlpJson;
  }

  static MetricExporter console(PrintStream out) {
    return new StreamMetricExporter(out, false);
  }

  static MetricExporter otlpJson(PrintStream out) {
    return new StreamMetricExporter(out, true);
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    StringBuilder text = new StringBuilder();
    if (otlpJson) {
      for (String line : OtlpJson.resourceMetrics(metrics)) {
        text.append(line).append(System.lineSeparator());
      }
    } else {
      for (MetricData metric : metrics) {
        for (PointData point : metric.getData().getPoints()) {
          line(text, metric, point);
          text.append(System.lineSeparator());
        }
      }
    }
    synchronized (out) {
      out.print(text);
      out.flush();
    }
    return out.checkError() ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
  }

  /** {@code metric 'hw.energy' 12.5 J {hw.id="gpu:GPU-…", hw.type="gpu"}}. */
  static void line(StringBuilder text, MetricData metric, PointData point) {
    text.append("metric '").append(metric.getName()).append("' ");
    if (point instanceof DoublePointData) {
      text.append(((DoublePointData) point).getValue());
    } else if (point instanceof LongPointData) {
      text.append(((LongPointData) point).getValue());
    } else {
      text.append(point);
    }
    text.append(' ').append(metric.getUnit()).append(" {");
    int[] index = {0};
    point
        .getAttributes()
        .forEach(
            (key, value) -> {
              if (index[0]++ > 0) {
                text.append(", ");
              }
              text.append(key.getKey()).append('=');
              if (key.getType() == AttributeType.STRING) {
                text.append(new OtlpJson.Json().value((String) value));
              } else {
                text.append(value);
              }
            });
    text.append('}');
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
