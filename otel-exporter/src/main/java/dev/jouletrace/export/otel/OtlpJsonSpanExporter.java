package dev.jouletrace.export.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * {@code otel.traces.exporter=logging-otlp}: each batch as OTLP JSON, one {@code ResourceSpans}
 * object per line on standard error, written to the stream directly rather than through
 * java.util.logging (whose handlers are closed when the last spans are flushed at exit).
 */
final class OtlpJsonSpanExporter implements SpanExporter {
  private final PrintStream out;

  OtlpJsonSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder text = new StringBuilder();
    for (String line : OtlpJson.resourceSpans(spans)) {
      text.append(line).append(System.lineSeparator());
    }
    synchronized (out) {
      out.print(text);
      out.flush();
    }
    return out.checkError() ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
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
