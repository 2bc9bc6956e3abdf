package dev.jouletrace.samples.it;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One span as it arrived over OTLP, with typed attribute accessors that fail on a missing or
 * mistyped value.
 */
record ExportedSpan(Span span) {

  String name() {
    return span.getName();
  }

  String traceId() {
    return HexFormat.of().formatHex(span.getTraceId().toByteArray());
  }

  String spanId() {
    return HexFormat.of().formatHex(span.getSpanId().toByteArray());
  }

  long startNanos() {
    return span.getStartTimeUnixNano();
  }

  long endNanos() {
    return span.getEndTimeUnixNano();
  }

  /** Hex parent span id; empty for a root span. */
  String parentSpanId() {
    return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
  }

  String string(String key) {
    return value(key, AnyValue.ValueCase.STRING_VALUE).getStringValue();
  }

  long integer(String key) {
    return value(key, AnyValue.ValueCase.INT_VALUE).getIntValue();
  }

  double decimal(String key) {
    return value(key, AnyValue.ValueCase.DOUBLE_VALUE).getDoubleValue();
  }

  Optional<AnyValue> attribute(String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue)
        .findFirst();
  }

  private AnyValue value(String key, AnyValue.ValueCase type) {
    AnyValue value =
        attribute(key)
            .orElseThrow(() -> new AssertionError("span " + this + " has no attribute " + key));
    if (value.getValueCase() != type) {
      throw new AssertionError(
          "span "
              + this
              + ": attribute "
              + key
              + " is "
              + value.getValueCase()
              + ", expected "
              + type);
    }
    return value;
  }

  @Override
  public String toString() {
    return name()
        + " "
        + span.getAttributesList().stream()
            .map(kv -> kv.getKey() + "=" + kv.getValue().toString().trim())
            .collect(Collectors.joining(", ", "{", "}"));
  }
}
