package dev.jouletrace.export.otel;

import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;

/**
 * {@code otel.traces.exporter=console}: one line per span on standard error, written to the stream
 * directly. The OpenTelemetry exporter of that name logs through java.util.logging, whose handlers
 * the JVM has already closed when the spans of runs ending at exit are flushed; this one prints
 * them too. The line follows that exporter's: {@code 'name' : traceId spanId KIND [tracer:
 * scope:version]}, then the parent span id and the attributes.
 */
final class ConsoleSpanExporter implements SpanExporter {
  private final PrintStream out;

  ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder text = new StringBuilder();
    for (SpanData span : spans) {
      line(text, span);
      text.append(System.lineSeparator());
    }
    synchronized (out) {
      out.print(text);
      out.flush();
    }
    return out.checkError() ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
  }

  static void line(StringBuilder text, SpanData span) {
    InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
    text.append('\'')
        .append(span.getName())
        .append("' : ")
        .append(span.getTraceId())
        .append(' ')
        .append(span.getSpanId())
        .append(' ')
        .append(span.getKind())
        .append(" [tracer: ")
        .append(scope.getName())
        .append(':')
        .append(scope.getVersion() == null ? "" : scope.getVersion())
        .append(']');
    if (span.getParentSpanContext().isValid()) {
      text.append(" parent ").append(span.getParentSpanId());
    }
    text.append(" {");
    int[] index = {0};
    span.getAttributes()
        .forEach(
            (key, value) -> {
              if (index[0]++ > 0) {
                text.append(", ");
              }
              text.append(key.getKey()).append('=');
              if (key.getType() == AttributeType.STRING) {
                OtlpJson.Json quoted = new OtlpJson.Json().value((String) value);
                text.append(quoted);
              } else {
                text.append(value);
              }
            });
    text.append('}');
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
