package dev.jouletrace.export.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSpanExporterTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void printsOneLinePerSpanWithItsIdsParentAndAttributes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSpanExporter exporter =
        new ConsoleSpanExporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    boolean success =
        exporter
            .export(
                List.of(
                    span("00f067aa0ba902b7", "b7ad6b7169203331"), span("b7ad6b7169203331", null)))
            .isSuccess();

    assertThat(success).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "'training.epoch' : "
                + TRACE
                + " 00f067aa0ba902b7 INTERNAL [tracer: dev.jouletrace:0.1.0] parent b7ad6b7169203331"
                + " {jouletrace.energy.joules=20.5, jouletrace.epoch.index=0,"
                + " jouletrace.framework=\"dl4j\\\"x\\\"\"}",
            "'training.epoch' : "
                + TRACE
                + " b7ad6b7169203331 INTERNAL [tracer: dev.jouletrace:0.1.0]"
                + " {jouletrace.energy.joules=20.5, jouletrace.epoch.index=0,"
                + " jouletrace.framework=\"dl4j\\\"x\\\"\"}");
  }

  private static SpanData span(String spanId, String parentId) {
    TestSpanData.Builder builder =
        TestSpanData.builder()
            .setSpanContext(
                SpanContext.create(TRACE, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
            .setResource(Resource.empty())
            .setInstrumentationScopeInfo(
                InstrumentationScopeInfo.builder("dev.jouletrace").setVersion("0.1.0").build())
            .setName("training.epoch")
            .setKind(SpanKind.INTERNAL)
            .setStartEpochNanos(1)
            .setEndEpochNanos(2)
            .setAttributes(
                Attributes.of(
                    AttributeKey.stringKey("jouletrace.framework"),
                    "dl4j\"x\"",
                    AttributeKey.longKey("jouletrace.epoch.index"),
                    0L,
                    AttributeKey.doubleKey("jouletrace.energy.joules"),
                    20.5))
            .setStatus(StatusData.unset())
            .setHasEnded(true);
    if (parentId != null) {
      builder.setParentSpanContext(
          SpanContext.create(TRACE, parentId, TraceFlags.getSampled(), TraceState.getDefault()));
    }
    return builder.build();
  }
}
