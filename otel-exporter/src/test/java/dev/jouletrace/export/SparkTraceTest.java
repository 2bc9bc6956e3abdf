package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorEnergy;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.accounting.SpanIds;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Spark driver's run and an executor's task window: the ids chosen when the run and epoch opened
 * are the spans' ids, the task span is the epoch span's child, and the energy by executor adds up
 * to the run's total (docs/FRAMEWORKS.md §18).
 */
class SparkTraceTest {
  private static final SpanIds RUN_IDS =
      new SpanIds(0x0123456789abcdefL, 0x1111222233334444L, 0x5555666677778888L);
  private static final long EPOCH_SPAN = 0x0a0b0c0d0e0f1011L;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .setIdGenerator(PresetIds.INSTANCE)
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final TraceWriter writer = new TraceWriter(provider.get("test"));

  @Test
  void driverSpansCarryThePresetIdsAndTheEnergyByExecutorAddsUpToTheRunsTotal() {
    RunLedger run =
        new RunLedger(
            new RunStart(1, "dl4j-spark", Records.T0, -1, true, false, RUN_IDS),
            RunForecaster.defaults());
    writer.runStarted(run);
    EpochRecord own =
        Records.builder(0)
            .run(1, "dl4j-spark")
            .energy(Records.cpu(10, EnergyMethod.MEASURED))
            .spanId(EPOCH_SPAN)
            .build();
    EpochRecord epoch =
        own.withExecutors(
            "10.0.0.1",
            List.of(
                new ExecutorEnergy("1", "10.0.0.3", 20, EnergyMethod.MEASURED, 4, 20),
                new ExecutorEnergy("0", "10.0.0.2", 30, EnergyMethod.ESTIMATED, 4, 20)));
    writer.epochFinished(run, Records.add(run, epoch));
    run.finish(
        new RunEnd(
            1,
            RunStatus.COMPLETED,
            Records.T0.plusSeconds(12),
            null,
            Records.cpu(5, EnergyMethod.MEASURED)));
    writer.runFinished(run);

    assertThat(epoch.energyJoules()).isEqualTo(60);
    assertThat(epoch.batches()).isEqualTo(own.batches() + 40);
    assertThat(epoch.energyMethod()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(run.energyJoules()).isEqualTo(65);
    // the driver first, then the executors by id, whatever order their figures came in
    assertThat(run.energyByExecutor())
        .extracting(ExecutorEnergy::executorId, ExecutorEnergy::host, ExecutorEnergy::joules)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("driver", "10.0.0.1", 15.0),
            org.assertj.core.groups.Tuple.tuple("0", "10.0.0.2", 30.0),
            org.assertj.core.groups.Tuple.tuple("1", "10.0.0.3", 20.0));
    assertThat(run.energyByExecutor().stream().mapToDouble(ExecutorEnergy::joules).sum())
        .isCloseTo(run.energyJoules(), within(1e-9));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData epochSpan = spans.get(0);
    SpanData runSpan = spans.get(1);
    assertThat(runSpan.getTraceId()).isEqualTo(RUN_IDS.traceIdHex());
    assertThat(runSpan.getSpanId()).isEqualTo(RUN_IDS.spanIdHex());
    assertThat(epochSpan.getSpanId()).isEqualTo(new SpanIds(0, 0, EPOCH_SPAN).spanIdHex());
    assertThat(epochSpan.getParentSpanId()).isEqualTo(runSpan.getSpanId());
    assertThat(epochSpan.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(60.0);
    assertThat(epochSpan.getAttributes().get(TraceAttributes.ENERGY_EXECUTORS_JOULES))
        .isEqualTo(50.0);
    assertThat(epochSpan.getAttributes().get(TraceAttributes.ENERGY_METHOD)).isEqualTo("estimated");
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(65.0);
    assertThat(runSpan.getAttributes().get(TraceAttributes.ENERGY_EXECUTORS_JOULES))
        .isEqualTo(50.0);
  }

  @Test
  void executorTaskIsAChildOfTheEpochSpanItsDriverPublished() {
    SpanIds epoch = new SpanIds(0, 0, EPOCH_SPAN);
    writer.executorTaskFinished(
        task(new ExecutorTask.DriverEpoch(RUN_IDS.traceIdHex(), epoch.spanIdHex(), 1, 2)));

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("training.executor_task");
    assertThat(span.getTraceId()).isEqualTo(RUN_IDS.traceIdHex());
    assertThat(span.getParentSpanId()).isEqualTo(epoch.spanIdHex());
    assertThat(span.getAttributes().get(TraceAttributes.SPARK_EXECUTOR_ID)).isEqualTo("3");
    assertThat(span.getAttributes().get(TraceAttributes.SPARK_EXECUTOR_HOST)).isEqualTo("10.0.0.4");
    assertThat(span.getAttributes().get(TraceAttributes.SPARK_PARTITION_ID)).isEqualTo(7);
    assertThat(span.getAttributes().get(TraceAttributes.EPOCH_INDEX)).isEqualTo(2);
    assertThat(span.getAttributes().get(TraceAttributes.RUN_NUMBER)).isEqualTo(1);
    assertThat(span.getAttributes().get(TraceAttributes.TASK_BATCHES)).isEqualTo(5);
    assertThat(span.getAttributes().get(TraceAttributes.ENERGY_JOULES)).isEqualTo(2.5);
  }

  @Test
  void executorTaskWithoutADriverEpochIsARootSpan() {
    writer.executorTaskFinished(task(ExecutorTask.DriverEpoch.UNKNOWN));

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getAttributes().get(TraceAttributes.RUN_NUMBER)).isNull();
  }

  private static ExecutorTask task(ExecutorTask.DriverEpoch driver) {
    return new ExecutorTask(
        "3",
        "10.0.0.4",
        new ExecutorTask.TaskIdentity(4, 7, 0, 42),
        Records.T0,
        Records.T0.plusSeconds(2),
        WindowStatus.COMPLETED,
        Records.cpu(2.5, EnergyMethod.MEASURED),
        5,
        320,
        driver);
  }
}
