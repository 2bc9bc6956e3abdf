package dev.jouletrace.export.otel;

import dev.jouletrace.export.JsonText;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans in the OTLP JSON encoding (the protobuf JSON mapping with hex trace and span ids), one
 * {@code ResourceSpans} object per resource, as the OpenTelemetry {@code logging-otlp} exporter
 * writes them; without a JSON library.
 */
final class OtlpJson {
  /** Flag bits of OTLP {@code Span.flags}: whether the parent is known to be remote, and is. */
  private static final int HAS_IS_REMOTE = 0x100;

  private static final int IS_REMOTE = 0x200;

  private OtlpJson() {}

  /** One JSON text per resource among {@code spans}, in the order the resources first appear. */
  static List<String> resourceSpans(Collection<SpanData> spans) {
    Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> grouped = new LinkedHashMap<>();
    for (SpanData span : spans) {
      grouped
          .computeIfAbsent(span.getResource(), r -> new LinkedHashMap<>())
          .computeIfAbsent(span.getInstrumentationScopeInfo(), s -> new ArrayList<>())
          .add(span);
    }
    List<String> lines = new ArrayList<>();
    grouped.forEach((resource, scopes) -> lines.add(resourceSpans(resource, scopes)));
    return lines;
  }

  private static String resourceSpans(
      Resource resource, Map<InstrumentationScopeInfo, List<SpanData>> scopes) {
    Json json = new Json();
    json.begin();
    json.name("resource").begin();
    attributes(json, "attributes", resource.getAttributes());
    json.end();
    json.name("scopeSpans").beginArray();
    scopes.forEach(
        (scope, spans) -> {
          json.begin();
          json.name("scope").begin();
          stringIfPresent(json, "name", scope.getName());
          stringIfPresent(json, "version", scope.getVersion());
          attributes(json, "attributes", scope.getAttributes());
          json.end();
          json.name("spans").beginArray();
          for (SpanData span : spans) {
            span(json, span);
          }
          json.endArray();
          stringIfPresent(json, "schemaUrl", scope.getSchemaUrl());
          json.end();
        });
    json.endArray();
    stringIfPresent(json, "schemaUrl", resource.getSchemaUrl());
    json.end();
    return json.toString();
  }

  /**
   * One JSON text per resource among {@code metrics} ({@code ResourceMetrics}), for sums and gauges
   * (the only kinds Jouletrace records); other kinds are written with their name alone.
   */
  static List<String> resourceMetrics(Collection<MetricData> metrics) {
    Map<Resource, Map<InstrumentationScopeInfo, List<MetricData>>> grouped = new LinkedHashMap<>();
    for (MetricData metric : metrics) {
      grouped
          .computeIfAbsent(metric.getResource(), r -> new LinkedHashMap<>())
          .computeIfAbsent(metric.getInstrumentationScopeInfo(), s -> new ArrayList<>())
          .add(metric);
    }
    List<String> lines = new ArrayList<>();
    grouped.forEach(
        (resource, scopes) -> {
          Json json = new Json();
          json.begin();
          json.name("resource").begin();
          attributes(json, "attributes", resource.getAttributes());
          json.end();
          json.name("scopeMetrics").beginArray();
          scopes.forEach(
              (scope, list) -> {
                json.begin();
                json.name("scope").begin();
                stringIfPresent(json, "name", scope.getName());
                stringIfPresent(json, "version", scope.getVersion());
                json.end();
                json.name("metrics").beginArray();
                for (MetricData metric : list) {
                  metric(json, metric);
                }
                json.endArray();
                json.end();
              });
          json.endArray();
          stringIfPresent(json, "schemaUrl", resource.getSchemaUrl());
          json.end();
          lines.add(json.toString());
        });
    return lines;
  }

  private static void metric(Json json, MetricData metric) {
    json.begin();
    json.name("name").value(metric.getName());
    stringIfPresent(json, "description", metric.getDescription());
    stringIfPresent(json, "unit", metric.getUnit());
    switch (metric.getType()) {
      case DOUBLE_SUM:
        json.name("sum").begin();
        points(json, metric.getDoubleSumData().getPoints());
        json.name("aggregationTemporality")
            .value(temporality(metric.getDoubleSumData().getAggregationTemporality()));
        json.name("isMonotonic").value(metric.getDoubleSumData().isMonotonic());
        json.end();
        break;
      case LONG_SUM:
        json.name("sum").begin();
        points(json, metric.getLongSumData().getPoints());
        json.name("aggregationTemporality")
            .value(temporality(metric.getLongSumData().getAggregationTemporality()));
        json.name("isMonotonic").value(metric.getLongSumData().isMonotonic());
        json.end();
        break;
      case DOUBLE_GAUGE:
        json.name("gauge").begin();
        points(json, metric.getDoubleGaugeData().getPoints());
        json.end();
        break;
      case LONG_GAUGE:
        json.name("gauge").begin();
        points(json, metric.getLongGaugeData().getPoints());
        json.end();
        break;
      default:
        break;
    }
    json.end();
  }

  private static void points(Json json, Collection<? extends PointData> points) {
    json.name("dataPoints").beginArray();
    for (PointData point : points) {
      json.begin();
      attributes(json, "attributes", point.getAttributes());
      nanos(json, "startTimeUnixNano", point.getStartEpochNanos());
      nanos(json, "timeUnixNano", point.getEpochNanos());
      if (point instanceof DoublePointData) {
        json.name("asDouble").value(((DoublePointData) point).getValue());
      } else if (point instanceof LongPointData) {
        json.name("asInt").value(String.valueOf(((LongPointData) point).getValue()));
      }
      json.end();
    }
    json.endArray();
  }

  /** The protobuf enum numbers: 1 delta, 2 cumulative. */
  private static int temporality(AggregationTemporality temporality) {
    return temporality == AggregationTemporality.DELTA ? 1 : 2;
  }

  private static void span(Json json, SpanData span) {
    json.begin();
    json.name("traceId").value(span.getTraceId());
    json.name("spanId").value(span.getSpanId());
    stringIfPresent(json, "traceState", traceState(span.getSpanContext().getTraceState()));
    SpanContext parent = span.getParentSpanContext();
    if (parent.isValid()) {
      json.name("parentSpanId").value(parent.getSpanId());
    }
    stringIfPresent(json, "name", span.getName());
    json.name("kind").value(span.getKind().ordinal() + 1); // SPAN_KIND_INTERNAL is 1
    nanos(json, "startTimeUnixNano", span.getStartEpochNanos());
    nanos(json, "endTimeUnixNano", span.getEndEpochNanos());
    attributes(json, "attributes", span.getAttributes());
    countIfPositive(
        json,
        "droppedAttributesCount",
        span.getTotalAttributeCount() - span.getAttributes().size());
    json.name("events").beginArray();
    for (EventData event : span.getEvents()) {
      json.begin();
      nanos(json, "timeUnixNano", event.getEpochNanos());
      stringIfPresent(json, "name", event.getName());
      attributes(json, "attributes", event.getAttributes());
      countIfPositive(
          json,
          "droppedAttributesCount",
          event.getTotalAttributeCount() - event.getAttributes().size());
      json.end();
    }
    json.endArray();
    countIfPositive(
        json, "droppedEventsCount", span.getTotalRecordedEvents() - span.getEvents().size());
    json.name("links").beginArray();
    for (LinkData link : span.getLinks()) {
      SpanContext linked = link.getSpanContext();
      json.begin();
      json.name("traceId").value(linked.getTraceId());
      json.name("spanId").value(linked.getSpanId());
      stringIfPresent(json, "traceState", traceState(linked.getTraceState()));
      attributes(json, "attributes", link.getAttributes());
      countIfPositive(
          json,
          "droppedAttributesCount",
          link.getTotalAttributeCount() - link.getAttributes().size());
      json.name("flags").value(flags(linked, linked.isRemote()));
      json.end();
    }
    json.endArray();
    countIfPositive(
        json, "droppedLinksCount", span.getTotalRecordedLinks() - span.getLinks().size());
    json.name("status").begin();
    StatusData status = span.getStatus();
    stringIfPresent(json, "message", status.getDescription());
    if (status.getStatusCode() != StatusCode.UNSET) {
      json.name("code").value(status.getStatusCode() == StatusCode.OK ? 1 : 2);
    }
    json.end();
    json.name("flags").value(flags(span.getSpanContext(), parent.isRemote()));
    json.end();
  }

  private static int flags(SpanContext context, boolean remote) {
    return (context.getTraceFlags().asByte() & 0xff) | HAS_IS_REMOTE | (remote ? IS_REMOTE : 0);
  }

  private static String traceState(TraceState state) {
    StringBuilder text = new StringBuilder();
    state.forEach(
        (key, value) -> {
          if (text.length() > 0) {
            text.append(',');
          }
          text.append(key).append('=').append(value);
        });
    return text.toString();
  }

  /** Repeated fields are written even when empty, as OpenTelemetry's serializer does. */
  private static void attributes(Json json, String name, Attributes attributes) {
    json.name(name).beginArray();
    attributes.forEach(
        (key, value) -> {
          json.begin();
          json.name("key").value(key.getKey());
          json.name("value");
          anyValue(json, key, value);
          json.end();
        });
    json.endArray();
  }

  private static void anyValue(Json json, AttributeKey<?> key, Object value) {
    json.begin();
    switch (key.getType()) {
      case STRING:
        json.name("stringValue").value((String) value);
        break;
      case BOOLEAN:
        json.name("boolValue").value((Boolean) value);
        break;
      case LONG:
        json.name("intValue").value(String.valueOf(value)); // int64 is a string in JSON
        break;
      case DOUBLE:
        json.name("doubleValue").value((Double) value);
        break;
      case STRING_ARRAY:
      case BOOLEAN_ARRAY:
      case LONG_ARRAY:
      case DOUBLE_ARRAY:
        json.name("arrayValue").begin();
        json.name("values").beginArray();
        for (Object element : (List<?>) value) {
          arrayElement(json, key.getType(), element);
        }
        json.endArray();
        json.end();
        break;
      default:
        // newer value types (maps, bytes, ...) are written as their text
        json.name("stringValue").value(String.valueOf(value));
    }
    json.end();
  }

  private static void arrayElement(
      Json json, io.opentelemetry.api.common.AttributeType type, Object element) {
    json.begin();
    switch (type) {
      case STRING_ARRAY:
        json.name("stringValue").value((String) element);
        break;
      case BOOLEAN_ARRAY:
        json.name("boolValue").value((Boolean) element);
        break;
      case LONG_ARRAY:
        json.name("intValue").value(String.valueOf(element));
        break;
      default:
        json.name("doubleValue").value((Double) element);
    }
    json.end();
  }

  private static void stringIfPresent(Json json, String name, String value) {
    if (value != null && !value.isEmpty()) {
      json.name(name).value(value);
    }
  }

  private static void nanos(Json json, String name, long nanos) {
    if (nanos != 0) {
      json.name(name).value(String.valueOf(nanos)); // fixed64 is a string in JSON
    }
  }

  private static void countIfPositive(Json json, String name, int count) {
    if (count > 0) {
      json.name(name).value(count);
    }
  }

  /** A compact JSON writer: objects, arrays, strings, numbers and booleans on one line. */
  static final class Json {
    private final StringBuilder out = new StringBuilder(1024);
    private boolean comma;

    Json begin() {
      separate();
      out.append('{');
      comma = false;
      return this;
    }

    Json end() {
      out.append('}');
      comma = true;
      return this;
    }

    Json beginArray() {
      separate();
      out.append('[');
      comma = false;
      return this;
    }

    Json endArray() {
      out.append(']');
      comma = true;
      return this;
    }

    Json name(String name) {
      separate();
      string(name);
      out.append(':');
      comma = false;
      return this;
    }

    Json value(String value) {
      separate();
      string(value);
      comma = true;
      return this;
    }

    Json value(long value) {
      separate();
      out.append(value);
      comma = true;
      return this;
    }

    Json value(boolean value) {
      separate();
      out.append(value);
      comma = true;
      return this;
    }

    /** Not-a-number and infinities as the strings the protobuf JSON mapping uses. */
    Json value(double value) {
      if (Double.isNaN(value)) {
        return value("NaN");
      }
      if (Double.isInfinite(value)) {
        return value(value > 0 ? "Infinity" : "-Infinity");
      }
      separate();
      out.append(value);
      comma = true;
      return this;
    }

    private void separate() {
      if (comma) {
        out.append(',');
        comma = false;
      }
    }

    private void string(String s) {
      JsonText.quote(out, s);
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }
}
