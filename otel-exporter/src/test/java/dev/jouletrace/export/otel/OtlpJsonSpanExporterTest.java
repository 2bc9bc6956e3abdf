package dev.jouletrace.export.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Our {@code logging-otlp} writes what OpenTelemetry's own {@code logging-otlp} exporter logs, line
 * for line, but straight to the stream.
 */
class OtlpJsonSpanExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resource RESOURCE =
      Resource.create(
          Attributes.of(
              AttributeKey.stringKey("service.name"), "trainer", AttributeKey.longKey("pid"), 42L),
          "https://opentelemetry.io/schemas/1.24.0");
  private static final Resource OTHER_RESOURCE =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "other"));
  private static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.builder("dev.jouletrace")
          .setVersion("0.1.0")
          .setAttributes(Attributes.of(AttributeKey.booleanKey("scoped"), true))
          .build();
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void writesTheSameJsonAsOpenTelemetrysLoggingOtlpExporter() throws Exception {
    List<SpanData> spans = List.of(run(), epoch(), otherResource());

    List<String> ours = exportWithOurs(spans);
    List<String> reference = exportWithOpenTelemetrys(spans);

    // one line per resource, in no particular order in OpenTelemetry's exporter
    assertThat(trees(ours)).hasSize(2).containsExactlyInAnyOrderElementsOf(trees(reference));
  }

  @Test
  void writesOneResourceSpansObjectPerResourceOnOneLine() throws Exception {
    List<String> lines = exportWithOurs(List.of(run(), epoch(), otherResource()));

    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.at("/resource/attributes/1/key").asText()).isEqualTo("service.name");
    assertThat(first.at("/resource/attributes/1/value/stringValue").asText()).isEqualTo("trainer");
    assertThat(first.at("/scopeSpans/0/spans").size()).isEqualTo(2);
    JsonNode epoch = first.at("/scopeSpans/0/spans/1");
    assertThat(epoch.at("/name").asText()).isEqualTo("training.epoch");
    assertThat(epoch.at("/parentSpanId").asText()).isEqualTo("b7ad6b7169203331");
    assertThat(epoch.at("/startTimeUnixNano").asText()).isEqualTo("1700000001000000000");
    assertThat(JSON.readTree(lines.get(1)).at("/scopeSpans/0/spans").size()).isEqualTo(1);
  }

  private static List<JsonNode> trees(List<String> lines) throws Exception {
    List<JsonNode> trees = new ArrayList<>();
    for (String line : lines) {
      trees.add(JSON.readTree(line));
    }
    return trees;
  }

  private static List<String> exportWithOurs(List<SpanData> spans) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(new OtlpJsonSpanExporter(out).export(spans).isSuccess()).isTrue();
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> exportWithOpenTelemetrys(List<SpanData> spans) {
    Logger logger = Logger.getLogger(OtlpJsonLoggingSpanExporter.class.getName());
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level level = logger.getLevel();
    boolean parents = logger.getUseParentHandlers();
    logger.setLevel(Level.INFO); // TraceExport turns off the SDK's loggers in this JVM
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
    try {
      assertThat(OtlpJsonLoggingSpanExporter.create().export(spans).isSuccess()).isTrue();
    } finally {
      logger.removeHandler(capture);
      logger.setLevel(level);
      logger.setUseParentHandlers(parents);
    }
    return lines;
  }

  private static SpanData run() {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(
                TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault()))
        .setResource(RESOURCE)
        .setInstrumentationScopeInfo(SCOPE)
        .setName("training.run")
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(1_700_000_000_000_000_000L)
        .setEndEpochNanos(1_700_000_009_500_000_000L)
        .setAttributes(
            Attributes.builder()
                .put("jouletrace.framework", "dl4j")
                .put("jouletrace.run.number", 1L)
                .put("jouletrace.energy.joules", 61.25)
                .put("jouletrace.run.implicit", false)
                .put("jouletrace.nan", Double.NaN)
                .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b\"quoted\"\n"))
                .put(AttributeKey.longArrayKey("counts"), List.of(1L, -2L))
                .put(AttributeKey.doubleArrayKey("watts"), List.of(1.5, 1e-5))
                .put(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                .put(AttributeKey.stringArrayKey("empty"), List.of())
                .build())
        .setTotalAttributeCount(12)
        .setStatus(StatusData.create(StatusCode.ERROR, "run failed"))
        .setHasEnded(true)
        .setEvents(
            List.of(
                EventData.create(
                    1_700_000_005_000_000_000L,
                    "checkpoint",
                    Attributes.of(AttributeKey.longKey("epoch"), 3L))))
        .setTotalRecordedEvents(2)
        .build();
  }

  private static SpanData epoch() {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(
                TRACE,
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "value").build()))
        .setParentSpanContext(
            SpanContext.createFromRemoteParent(
                TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault()))
        .setResource(RESOURCE)
        .setInstrumentationScopeInfo(SCOPE)
        .setName("training.epoch")
        .setKind(SpanKind.CLIENT)
        .setStartEpochNanos(1_700_000_001_000_000_000L)
        .setEndEpochNanos(1_700_000_002_000_000_000L)
        .setAttributes(Attributes.of(AttributeKey.longKey("jouletrace.epoch.index"), 0L))
        .setTotalAttributeCount(1)
        .setStatus(StatusData.ok())
        .setHasEnded(true)
        .setLinks(
            List.of(
                LinkData.create(
                    SpanContext.create(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b8",
                        TraceFlags.getDefault(),
                        TraceState.getDefault()),
                    Attributes.of(AttributeKey.stringKey("why"), "follows"))))
        .setTotalRecordedLinks(1)
        .build();
  }

  private static SpanData otherResource() {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b9",
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setResource(OTHER_RESOURCE)
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("other"))
        .setName("other")
        .setKind(SpanKind.SERVER)
        .setStartEpochNanos(1_700_000_003_000_000_000L)
        .setEndEpochNanos(1_700_000_004_000_000_000L)
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .build();
  }
}
