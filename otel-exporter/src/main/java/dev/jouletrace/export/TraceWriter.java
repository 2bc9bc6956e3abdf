package dev.jouletrace.export;

import static dev.jouletrace.export.TraceAttributes.*;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.SpanIds;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Maps runs and epochs to spans: one {@code training.run} span per run with a {@code
 * training.epoch} child per epoch, stamped with the measured start and end times.
 */
final class TraceWriter implements RunListener {
  private final Tracer tracer;
  private final Context runParent;
  private final Map<Integer, Span> openRuns = new HashMap<>();

  public TraceWriter(Tracer tracer) {
    this(tracer, Context.root());
  }

  /**
   * @param parent the context every run span is a child of (a launcher's span given through {@code
   *     TRACEPARENT}); the root context makes each run a trace of its own
   */
  public TraceWriter(Tracer tracer, Context parent) {
    this.tracer = tracer;
    this.runParent = parent;
  }

  @Override
  public void runStarted(RunLedger run) {
    SpanBuilder builder = tracer.spanBuilder(RUN_SPAN);
    if (Span.fromContext(runParent).getSpanContext().isValid()) {
      builder.setParent(runParent);
    } else {
      builder.setNoParent();
    }
    builder
        .setStartTimestamp(nanos(run.start().start()), TimeUnit.NANOSECONDS)
        .setAttribute(FRAMEWORK, run.framework())
        .setAttribute(RUN_NUMBER, (long) run.number())
        .setAttribute(RUN_IMPLICIT, run.start().implicit())
        .setAttribute(RUN_ATTACHED_LATE, run.start().attachedLate());
    // the ids the run was given when it opened (a Spark driver has told its executors already)
    Span span = PresetIds.startWith(run.start().ids(), builder::startSpan);
    if (run.start().plannedEpochs() >= 0) {
      span.setAttribute(RUN_PLANNED_EPOCHS, (long) run.start().plannedEpochs());
    }
    openRuns.put(run.number(), span);
  }

  @Override
  public void epochFinished(RunLedger run, EpochAccount account) {
    Span parent = openRuns.get(run.number());
    if (parent == null) {
      return;
    }
    EpochRecord epoch = account.record();
    SpanBuilder builder =
        tracer
            .spanBuilder(EPOCH_SPAN)
            .setParent(Context.root().with(parent))
            .setStartTimestamp(nanos(epoch.start()), TimeUnit.NANOSECONDS)
            .setAllAttributes(epochAttributes(account))
            .setAllAttributes(derivedAttributes(account));
    Span span = PresetIds.startWith(new SpanIds(0, 0, epoch.spanId()), builder::startSpan);
    if (epoch.status() != WindowStatus.COMPLETED) {
      span.setStatus(StatusCode.ERROR, "epoch " + epoch.status().label());
    }
    Context epochContext = Context.root().with(span);
    for (SubWindow v : epoch.validations()) {
      child(VALIDATION_SPAN, epochContext, account, v)
          .setAttribute(VALIDATION_BATCHES, v.batches())
          .end(nanos(v.end()), TimeUnit.NANOSECONDS);
    }
    for (SubWindow b : epoch.batchWindows()) {
      Span batch = child(BATCH_SPAN, epochContext, account, b).setAttribute(BATCH_INDEX, b.index());
      if (!Double.isNaN(b.loss())) {
        batch.setAttribute(BATCH_LOSS, b.loss());
      }
      batch.end(nanos(b.end()), TimeUnit.NANOSECONDS);
    }
    span.end(nanos(epoch.end()), TimeUnit.NANOSECONDS);
    // the run span shows the latest forecast while the run goes on
    account.forecast().ifPresent(f -> parent.setAllAttributes(forecastAttributes(f)));
  }

  /** A validation pass or a batch inside an epoch, with its energy and operational CO2. */
  private Span child(String name, Context parent, EpochAccount epoch, SubWindow w) {
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setStartTimestamp(nanos(w.start()), TimeUnit.NANOSECONDS)
            .setAttribute(FRAMEWORK, epoch.record().framework())
            .setAttribute(EPOCH_INDEX, (long) epoch.record().index())
            .setAttribute(ENERGY_JOULES, w.energyJoules())
            .setAttribute(ENERGY_METHOD, w.energy().method().label())
            .setAttribute(CO2_GRAMS, epoch.co2Grams(w))
            .startSpan();
    if (w.energy().methodReason() != null) {
      span.setAttribute(ENERGY_METHOD_REASON, w.energy().methodReason());
    }
    if (w.status() != WindowStatus.COMPLETED) {
      span.setStatus(StatusCode.ERROR, name + " " + w.status().label());
    }
    return span;
  }

  /** Efficiency of this epoch and the forecast made after it. */
  static Attributes derivedAttributes(EpochAccount account) {
    EpochRecord epoch = account.record();
    AttributesBuilder a = Attributes.builder();
    if (epoch.samples() >= 0) {
      a.put(EPOCH_SAMPLES, epoch.samples());
    }
    if (epoch.shared()) {
      a.put(ENERGY_SHARED, true);
      a.put(ENERGY_SHARE_RULE, epoch.shareRule());
    }
    if (epoch.energy().methodReason() != null) {
      a.put(ENERGY_METHOD_REASON, epoch.energy().methodReason());
    }
    putIfReported(a, TRAIN_LAST_BATCH_LOSS, epoch.metrics().lastBatchLoss());
    EpochEfficiency eff = account.efficiency();
    putIfReported(a, SAMPLES_PER_JOULE, RunFigures.value(eff.samplesPerJoule()));
    putIfReported(a, JOULES_PER_SAMPLE, RunFigures.value(eff.joulesPerSample()));
    putIfReported(a, LOSS_IMPROVEMENT_PER_KJ, RunFigures.value(eff.lossImprovementPerKilojoule()));
    putIfReported(a, ACCURACY_GAIN_PER_KJ, RunFigures.value(eff.accuracyGainPerKilojoule()));
    account.forecast().ifPresent(f -> a.putAll(forecastAttributes(f)));
    return a.build();
  }

  static Attributes forecastAttributes(Forecast f) {
    AttributesBuilder a = Attributes.builder();
    a.put(FORECAST_AFTER_EPOCHS, (long) f.afterEpochs());
    a.put(FORECAST_METHOD, f.method());
    RunFigures.eachQuantity(
        f,
        (quantity, interval) -> {
          a.put(forecast(quantity, "low"), interval.low());
          a.put(forecast(quantity, "point"), interval.point());
          a.put(forecast(quantity, "high"), interval.high());
        });
    return a.build();
  }

  static Attributes epochAttributes(EpochAccount account) {
    EpochRecord e = account.record();
    EpochCarbon c = account.carbon();
    EnergyWindow energy = e.energy();
    AttributesBuilder a =
        Attributes.builder()
            .put(FRAMEWORK, e.framework())
            .put(EPOCH_INDEX, (long) e.index())
            .put(EPOCH_BATCHES, e.batches())
            .put(EPOCH_STATUS, e.status().label())
            .put(EPOCH_DURATION_S, e.durationSeconds())
            .put(ENERGY_JOULES, e.energyJoules())
            .put(ENERGY_DEVICE_JOULES, energy.deviceTotal())
            .put(ENERGY_METHOD, e.energyMethod().label())
            .put(POWER_WATTS, e.meanPowerWatts())
            .put(CO2_GRAMS, c.operationalGrams())
            .put(CO2_EMBODIED_GRAMS, c.embodiedGrams())
            .put(CO2_TOTAL_GRAMS, c.totalGrams())
            .put(CARBON_INTENSITY, c.intensity().gramsPerKwh())
            .put(CARBON_INTENSITY_SOURCE, c.intensity().source())
            .put(CARBON_INTENSITY_YEAR, (long) c.intensity().year())
            .put(CARBON_INTENSITY_LEVEL, c.intensity().level().label())
            .put(CARBON_ZONE, c.intensity().zone())
            .put(PUE, c.pue().value())
            .put(PUE_SOURCE, c.pue().source());
    if (!e.executors().isEmpty() || e.driverHost() != null) {
      a.put(ENERGY_EXECUTORS_JOULES, e.executorsEnergyJoules());
    }
    TrainingMetrics m = e.metrics();
    putIfReported(a, TRAIN_LOSS, m.trainLoss());
    putIfReported(a, TRAIN_ACCURACY, m.trainAccuracy());
    putIfReported(a, VALIDATION_LOSS, m.validationLoss());
    putIfReported(a, VALIDATION_ACCURACY, m.validationAccuracy());
    for (int i = 0; i < energy.size(); i++) {
      String id = energy.domain(i).id();
      a.put(domainJoules(id), energy.processJoules(i));
      a.put(domainMethod(id), energy.domain(i).method().label());
    }
    return a.build();
  }

  private static void putIfReported(AttributesBuilder a, AttributeKey<Double> key, double value) {
    if (!Double.isNaN(value)) {
      a.put(key, value);
    }
  }

  @Override
  public void runFinished(RunLedger run) {
    Span span = openRuns.remove(run.number());
    if (span == null) {
      return;
    }
    span.setAttribute(RUN_STATUS, run.status().label());
    span.setAttribute(RUN_EPOCHS, (long) run.epochs());
    span.setAttribute(ENERGY_JOULES, run.energyJoules());
    span.setAttribute(ENERGY_DEVICE_JOULES, run.deviceEnergyJoules());
    span.setAttribute(ENERGY_BETWEEN_EPOCHS_JOULES, run.betweenEpochsJoules());
    span.setAttribute(ENERGY_METHOD, run.energyMethod().label());
    if (run.distributed()) {
      span.setAttribute(ENERGY_EXECUTORS_JOULES, run.executorsEnergyJoules());
    }
    if (run.energyMethodReason() != null) {
      span.setAttribute(ENERGY_METHOD_REASON, run.energyMethodReason());
    }
    span.setAttribute(CO2_GRAMS, run.co2OperationalGrams());
    span.setAttribute(CO2_EMBODIED_GRAMS, run.co2EmbodiedGrams());
    span.setAttribute(CO2_TOTAL_GRAMS, run.co2Grams());
    FrameworkOutcome outcome = run.outcome();
    if (outcome != null) {
      if (outcome.bestEpoch() != null) {
        span.setAttribute(FRAMEWORK_BEST_EPOCH, (long) outcome.bestEpoch());
      }
      if (outcome.bestScore() != null) {
        span.setAttribute(BEST_VALIDATION_SCORE, outcome.bestScore());
      }
      if (outcome.reason() != null) {
        span.setAttribute(STOP_REASON, outcome.reason());
      }
    }
    RunEfficiency efficiency = run.efficiency();
    efficiency
        .best()
        .ifPresent(
            best -> {
              span.setAttribute(BEST_EPOCH, (long) best.epoch());
              span.setAttribute(BEST_EPOCH_CRITERION, RunFigures.criterion(best));
              span.setAttribute(ENERGY_AFTER_BEST_JOULES, efficiency.energyAfterBestJoules());
              span.setAttribute(ENERGY_AFTER_BEST_SHARE, efficiency.shareOfEnergyAfterBest());
            });
    span.setAttribute(EQUIVALENT_CAR_KM, Equivalences.carKilometres(run.co2Grams()));
    span.setAttribute(
        EQUIVALENT_SMARTPHONE_CHARGES, Equivalences.smartphoneCharges(run.co2Grams()));
    RunFigures.firstForecastError(run)
        .ifPresent(
            err -> {
              span.setAttribute(forecastError(RunFigures.ENERGY), err.energyRelativeError());
              span.setAttribute(forecastError(RunFigures.CO2), err.co2RelativeError());
              span.setAttribute(forecastError(RunFigures.DURATION), err.durationRelativeError());
            });
    if (run.lastIntensity() != null) {
      span.setAttribute(CARBON_INTENSITY_SOURCE, run.lastIntensity().source());
      span.setAttribute(PUE, run.lastPue().value());
    }
    if (run.status().isError()) {
      span.setStatus(StatusCode.ERROR, "run " + run.status().label());
    }
    span.end(nanos(run.end()), TimeUnit.NANOSECONDS);
  }

  /**
   * A Spark task's window in this executor: a child of the driver's epoch span whose ids the driver
   * published to the task, or a root span when it published none.
   */
  @Override
  public void executorTaskFinished(ExecutorTask task) {
    ExecutorTask.DriverEpoch driver = task.driver();
    SpanBuilder builder =
        tracer
            .spanBuilder(EXECUTOR_TASK_SPAN)
            .setStartTimestamp(nanos(task.start()), TimeUnit.NANOSECONDS)
            .setAllAttributes(taskAttributes(task));
    if (driver.traceId() != null
        && driver.spanId() != null
        && TraceId.isValid(driver.traceId())
        && SpanId.isValid(driver.spanId())) {
      SpanContext parent =
          SpanContext.createFromRemoteParent(
              driver.traceId(), driver.spanId(), TraceFlags.getSampled(), TraceState.getDefault());
      builder.setParent(Context.root().with(Span.wrap(parent)));
    } else {
      builder.setNoParent();
    }
    Span span = builder.startSpan();
    if (task.status() != WindowStatus.COMPLETED) {
      span.setStatus(StatusCode.ERROR, "task " + task.status().label());
    }
    span.end(nanos(task.end()), TimeUnit.NANOSECONDS);
  }

  static Attributes taskAttributes(ExecutorTask task) {
    EnergyWindow energy = task.energy();
    AttributesBuilder a =
        Attributes.builder()
            .put(FRAMEWORK, SPARK_FRAMEWORK)
            .put(SPARK_EXECUTOR_ID, task.executorId())
            .put(SPARK_STAGE_ID, (long) task.task().stageId())
            .put(SPARK_PARTITION_ID, (long) task.task().partitionId())
            .put(SPARK_TASK_ATTEMPT_ID, task.task().taskAttemptId())
            .put(TASK_BATCHES, task.batches())
            .put(TASK_DURATION_S, task.durationSeconds())
            .put(ENERGY_JOULES, task.energyJoules())
            .put(ENERGY_DEVICE_JOULES, energy.deviceTotal())
            .put(ENERGY_METHOD, energy.method().label());
    if (task.host() != null) {
      a.put(SPARK_EXECUTOR_HOST, task.host());
    }
    if (task.samples() >= 0) {
      a.put(TASK_SAMPLES, task.samples());
    }
    if (task.driver().run() >= 0) {
      a.put(RUN_NUMBER, (long) task.driver().run());
      a.put(EPOCH_INDEX, (long) task.driver().epoch());
    }
    for (int i = 0; i < energy.size(); i++) {
      String id = energy.domain(i).id();
      a.put(domainJoules(id), energy.processJoules(i));
      a.put(domainMethod(id), energy.domain(i).method().label());
    }
    return a.build();
  }

  private static long nanos(Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }

  @Override
  public void close(long deadlineNanos) {
    openRuns.clear();
  }
}
