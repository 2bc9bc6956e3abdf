package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TraceWriterTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final TraceWriter writer = new TraceWriter(provider.get("test"));
  private final List<String> problems = new ArrayList<>();

  @Test
  void runSpanParentsOneEpochSpanPerEpochWithMeasuredTimesAndFigures() {
    RunLedger run = Records.run("dl4j", 2, false);
    writer.runStarted(run);
    for (int i = 0; i < 2; i++) {
      EpochAccount epoch =
          Records.add(
              run,
              Records.epoch(i, 3.6e6, i == 0 ? EnergyMethod.MEASURED : EnergyMethod.ESTIMATED));
      writer.epochFinished(run, epoch);
    }
    run.finish(new RunEnd(1, RunStatus.EARLY_STOPPED, Records.T0.plusSeconds(30), null));
    writer.runFinished(run);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("training.epoch", "training.epoch", "training.run");
    SpanData runSpan = spans.get(2);
    SpanData epoch0 = spans.get(0);
    assertThat(epoch0.getParentSpanId()).isEqualTo(runSpan.getSpanId());
    assertThat(epoch0.getTraceId()).isEqualTo(runSpan.getTraceId());
    assertThat(epoch0.getStartEpochNanos())
        .isEqualTo(TimeUnit.SECONDS.toNanos(Records.T0.getEpochSecond()));
    assertThat(epoch0.getEndEpochNanos() - epoch0.getStartEpochNanos())
        .isEqualTo(TimeUnit.SECONDS.toNanos(10));
    assertThat(epoch0.getAttributes().get(TraceAttributes.EPOCH_INDEX)).isZero();
    assertThat(epoch0.getAttributes().get(TraceAttributes.EPOCH_BATCHES)).isEqualTo(24);
    assertThat(epoch0.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(3.6e6);
    assertThat(epoch0.getAttributes().get(TraceAttributes.ENERGY_METHOD)).isEqualTo("measured");
    assertThat(epoch0.getAttributes().get(TraceAttributes.CO2_GRAMS)).isEqualTo(600.0);
    assertThat(epoch0.getAttributes().get(TraceAttributes.CARBON_INTENSITY)).isEqualTo(400.0);
    assertThat(epoch0.getAttributes().get(TraceAttributes.CARBON_INTENSITY_YEAR)).isEqualTo(2024);
    assertThat(epoch0.getAttributes().get(TraceAttributes.PUE)).isEqualTo(1.5);
    assertThat(epoch0.getAttributes().get(TraceAttributes.domainJoules("cpu:package-0")))
        .isEqualTo(3.6e6);

    assertThat(runSpan.getAttributes().get(TraceAttributes.RUN_STATUS)).isEqualTo("early_stopped");
    assertThat(runSpan.getAttributes().get(TraceAttributes.RUN_EPOCHS)).isEqualTo(2);
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(7.2e6);
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_METHOD)).isEqualTo("estimated");
    assertThat(runSpan.getAttributes().get(TraceAttributes.CO2_GRAMS)).isEqualTo(1200.0);
    assertThat(runSpan.getAttributes().get(TraceAttributes.CO2_TOTAL_GRAMS)).isEqualTo(1204.0);
    assertThat(runSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void validationAndBatchWindowsAreChildrenOfTheirEpochWithTheirOwnEnergy() {
    RunLedger run = Records.run("djl", 1, false);
    writer.runStarted(run);
    EnergyWindow energy = Records.cpu(3.6e6, EnergyMethod.MEASURED);
    EpochRecord epoch =
        EpochRecord.builder()
            .run(1, "djl")
            .index(0)
            .window(Records.T0, Records.T0.plusSeconds(10))
            .batches(2)
            .energy(energy)
            .sharedBy("split by CPU time")
            .validations(
                List.of(
                    SubWindow.validation(
                        Records.T0.plusSeconds(8),
                        Records.T0.plusSeconds(10),
                        4,
                        WindowStatus.COMPLETED,
                        Records.cpu(0.9e6, EnergyMethod.MEASURED))))
            .batchWindows(
                List.of(SubWindow.batch(0, Records.T0, Records.T0.plusSeconds(4), 0.7, energy)))
            .build();
    writer.epochFinished(run, Records.add(run, epoch));
    run.finish(
        new RunEnd(
            1,
            RunStatus.EARLY_STOPPED,
            Records.T0.plusSeconds(11),
            new FrameworkOutcome(0, 0.12, "MaxEpochsTerminationCondition", Map.of(0, 0.12))));
    writer.runFinished(run);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("training.validation", "training.batch", "training.epoch", "training.run");
    SpanData validation = spans.get(0);
    SpanData batch = spans.get(1);
    SpanData epochSpan = spans.get(2);
    assertThat(validation.getParentSpanId()).isEqualTo(epochSpan.getSpanId());
    assertThat(batch.getParentSpanId()).isEqualTo(epochSpan.getSpanId());
    assertThat(validation.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(0.9e6);
    // 0.25 kWh × 400 g/kWh × 1.5
    assertThat(validation.getAttributes().get(TraceAttributes.CO2_GRAMS)).isEqualTo(150.0);
    assertThat(validation.getAttributes().get(TraceAttributes.VALIDATION_BATCHES)).isEqualTo(4);
    assertThat(batch.getAttributes().get(TraceAttributes.BATCH_INDEX)).isZero();
    assertThat(batch.getAttributes().get(TraceAttributes.BATCH_LOSS)).isEqualTo(0.7);
    assertThat(epochSpan.getAttributes().get(TraceAttributes.ENERGY_SHARED)).isTrue();
    assertThat(epochSpan.getAttributes().get(TraceAttributes.ENERGY_SHARE_RULE))
        .isEqualTo("split by CPU time");
    SpanData runSpan = spans.get(3);
    assertThat(runSpan.getAttributes().get(TraceAttributes.FRAMEWORK_BEST_EPOCH)).isZero();
    assertThat(runSpan.getAttributes().get(TraceAttributes.BEST_VALIDATION_SCORE)).isEqualTo(0.12);
    assertThat(runSpan.getAttributes().get(TraceAttributes.STOP_REASON))
        .isEqualTo("MaxEpochsTerminationCondition");
    assertThat(runSpan.getAttributes().get(TraceAttributes.BEST_EPOCH_CRITERION))
        .isEqualTo("lowest_validation_loss");
  }

  @Test
  void failedRunSpanHasErrorStatus() {
    RunLedger run = Records.run("djl", -1, true);
    writer.runStarted(run);
    run.finish(new RunEnd(1, RunStatus.FAILED, Records.T0.plusSeconds(1), null));
    writer.runFinished(run);
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(TraceAttributes.RUN_IMPLICIT)).isTrue();
    assertThat(span.getAttributes().get(TraceAttributes.RUN_PLANNED_EPOCHS)).isNull();
  }

  @Test
  void exporterIsNoneUnlessTheUserNamesOneOrAnEndpoint() {
    assertThat(TraceExport.configuredExporter(Map.of(), Map.of())).isEqualTo("none");
    assertThat(
            TraceExport.configuredExporter(
                Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")))
        .isEqualTo("otlp");
    assertThat(
            TraceExport.configuredExporter(
                Map.of("otel.traces.exporter", "Console"),
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")))
        .isEqualTo("console");
    assertThat(TraceExport.configuredExporter(Map.of(), Map.of("OTEL_TRACES_EXPORTER", "none")))
        .isEqualTo("none");
    assertThat(TraceExport.start("svc", Map.of(), Map.of(), problems::add).active()).isFalse();
    assertThat(problems).isEmpty();
  }

  @Test
  void unavailableExporterOrGrpcIsExplainedAndTrainingGoesOnWithoutSpans() {
    TraceExport zipkin =
        TraceExport.start("svc", Map.of("otel.traces.exporter", "zipkin"), Map.of(), problems::add);
    assertThat(zipkin.active()).isFalse();
    assertThat(problems).singleElement().asString().contains("otel.traces.exporter=zipkin");
    problems.clear();
    TraceExport grpc =
        TraceExport.start(
            "svc",
            Map.of(),
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            problems::add);
    assertThat(grpc.active()).isFalse();
    assertThat(problems).singleElement().asString().contains("http/protobuf");
  }
}
