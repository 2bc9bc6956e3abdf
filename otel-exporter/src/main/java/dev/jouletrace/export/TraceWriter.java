package dev.jouletrace.export;

import static dev.jouletrace.export.TraceAttributes.*;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.FrameworkOutcome;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.carbon.OperationalCarbon;
import dev.jouletrace.accounting.efficiency.Equivalences;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Maps runs and epochs to spans: one {@code training.run} span per run with a {@code
 * training.epoch} child per epoch, stamped with the measured start and end times.
 */
public final class TraceWriter implements RunListener {
  private final Tracer tracer;
  private final Map<Integer, Span> openRuns = new HashMap<>();

  public TraceWriter(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void runStarted(RunRecord run) {
    Span span =
        tracer
            .spanBuilder(RUN_SPAN)
            .setNoParent()
            .setStartTimestamp(nanos(run.start()), TimeUnit.NANOSECONDS)
            .setAttribute(FRAMEWORK, run.framework())
            .setAttribute(RUN_NUMBER, (long) run.number())
            .setAttribute(RUN_IMPLICIT, run.implicit())
            .setAttribute(RUN_ATTACHED_LATE, run.attachedLate())
            .startSpan();
    if (run.plannedEpochs() >= 0) {
      span.setAttribute(RUN_PLANNED_EPOCHS, (long) run.plannedEpochs());
    }
    openRuns.put(run.number(), span);
  }

  @Override
  public void epochFinished(RunRecord run, EpochRecord epoch) {
    Span parent = openRuns.get(run.number());
    if (parent == null) {
      return;
    }
    Span span =
        tracer
            .spanBuilder(EPOCH_SPAN)
            .setParent(Context.root().with(parent))
            .setStartTimestamp(nanos(epoch.start()), TimeUnit.NANOSECONDS)
            .setAllAttributes(epochAttributes(epoch))
            .setAllAttributes(derivedAttributes(run, epoch))
            .startSpan();
    if (!"completed".equals(epoch.status())) {
      span.setStatus(StatusCode.ERROR, "epoch " + epoch.status());
    }
    Context epochContext = Context.root().with(span);
    for (SubWindow v : epoch.validations()) {
      child(VALIDATION_SPAN, epochContext, epoch, v)
          .setAttribute(VALIDATION_BATCHES, v.batches())
          .end(nanos(v.end()), TimeUnit.NANOSECONDS);
    }
    for (SubWindow b : epoch.batchWindows()) {
      Span batch = child(BATCH_SPAN, epochContext, epoch, b).setAttribute(BATCH_INDEX, b.index());
      if (b.loss() != null && !b.loss().isNaN()) {
        batch.setAttribute(BATCH_LOSS, b.loss());
      }
      batch.end(nanos(b.end()), TimeUnit.NANOSECONDS);
    }
    span.end(nanos(epoch.end()), TimeUnit.NANOSECONDS);
    // the run span shows the latest forecast while the run goes on
    parent.setAllAttributes(forecastAttributes(run));
  }

  /** A validation pass or a batch inside {@code epoch}, with its energy and operational CO2. */
  private Span child(String name, Context parent, EpochRecord epoch, SubWindow w) {
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setStartTimestamp(nanos(w.start()), TimeUnit.NANOSECONDS)
            .setAttribute(FRAMEWORK, epoch.framework())
            .setAttribute(EPOCH_INDEX, (long) epoch.index())
            .setAttribute(ENERGY_JOULES, w.energyJoules())
            .setAttribute(ENERGY_METHOD, w.energyMethod())
            .setAttribute(
                CO2_GRAMS,
                OperationalCarbon.grams(w.energyJoules(), epoch.intensity(), epoch.pue()))
            .startSpan();
    if (!"completed".equals(w.status())) {
      span.setStatus(StatusCode.ERROR, name + " " + w.status());
    }
    return span;
  }

  /** Efficiency of this epoch and the forecast made after it. */
  static Attributes derivedAttributes(RunRecord run, EpochRecord epoch) {
    AttributesBuilder a = Attributes.builder();
    if (epoch.samples() != null) {
      a.put(EPOCH_SAMPLES, epoch.samples());
    }
    if (epoch.shared()) {
      a.put(ENERGY_SHARED, true);
      a.put(ENERGY_SHARE_RULE, epoch.shareRule());
    }
    putIfPresent(a, TRAIN_LAST_BATCH_LOSS, epoch.lastBatchLoss());
    RunFigures.efficiencyOf(run, epoch)
        .ifPresent(
            eff -> {
              putIfPresent(a, SAMPLES_PER_JOULE, RunFigures.value(eff.samplesPerJoule()));
              putIfPresent(a, JOULES_PER_SAMPLE, RunFigures.value(eff.joulesPerSample()));
              putIfPresent(
                  a, LOSS_IMPROVEMENT_PER_KJ, RunFigures.value(eff.lossImprovementPerKilojoule()));
              putIfPresent(
                  a, ACCURACY_GAIN_PER_KJ, RunFigures.value(eff.accuracyGainPerKilojoule()));
            });
    a.putAll(forecastAttributes(run));
    return a.build();
  }

  static Attributes forecastAttributes(RunRecord run) {
    AttributesBuilder a = Attributes.builder();
    RunFigures.forecastAfter(run)
        .ifPresent(
            f -> {
              a.put(FORECAST_AFTER_EPOCHS, (long) f.afterEpochs());
              a.put(FORECAST_METHOD, f.method());
              RunFigures.eachQuantity(
                  f,
                  (quantity, interval) -> {
                    a.put(forecast(quantity, "low"), interval.low());
                    a.put(forecast(quantity, "point"), interval.point());
                    a.put(forecast(quantity, "high"), interval.high());
                  });
            });
    return a.build();
  }

  static Attributes epochAttributes(EpochRecord e) {
    AttributesBuilder a =
        Attributes.builder()
            .put(FRAMEWORK, e.framework())
            .put(EPOCH_INDEX, (long) e.index())
            .put(EPOCH_BATCHES, e.batches())
            .put(EPOCH_STATUS, e.status())
            .put(EPOCH_DURATION_S, e.durationSeconds())
            .put(ENERGY_JOULES, e.energyJoules())
            .put(ENERGY_DEVICE_JOULES, e.deviceEnergyJoules())
            .put(ENERGY_METHOD, e.energyMethod())
            .put(POWER_WATTS, e.meanPowerWatts())
            .put(CO2_GRAMS, e.co2OperationalGrams())
            .put(CO2_EMBODIED_GRAMS, e.co2EmbodiedGrams())
            .put(CO2_TOTAL_GRAMS, e.co2OperationalGrams() + e.co2EmbodiedGrams())
            .put(CARBON_INTENSITY, e.intensity().gramsPerKwh())
            .put(CARBON_INTENSITY_SOURCE, e.intensity().source())
            .put(CARBON_INTENSITY_YEAR, (long) e.intensity().year())
            .put(CARBON_INTENSITY_LEVEL, e.intensity().level().label())
            .put(CARBON_ZONE, e.intensity().zone())
            .put(PUE, e.pue().value())
            .put(PUE_SOURCE, e.pue().source());
    putIfPresent(a, TRAIN_LOSS, e.trainLoss());
    putIfPresent(a, TRAIN_ACCURACY, e.trainAccuracy());
    putIfPresent(a, VALIDATION_LOSS, e.validationLoss());
    putIfPresent(a, VALIDATION_ACCURACY, e.validationAccuracy());
    for (DomainEnergy d : e.domains()) {
      a.put(domainJoules(d.domainId()), d.processJoules());
      a.put(domainMethod(d.domainId()), d.method());
    }
    return a.build();
  }

  private static void putIfPresent(
      AttributesBuilder a, io.opentelemetry.api.common.AttributeKey<Double> key, Double value) {
    if (value != null && !value.isNaN()) {
      a.put(key, value);
    }
  }

  @Override
  public void runFinished(RunRecord run) {
    Span span = openRuns.remove(run.number());
    if (span == null) {
      return;
    }
    span.setAttribute(RUN_STATUS, run.status());
    span.setAttribute(RUN_EPOCHS, (long) run.epochs().size());
    span.setAttribute(ENERGY_JOULES, run.energyJoules());
    span.setAttribute(ENERGY_DEVICE_JOULES, run.deviceEnergyJoules());
    span.setAttribute(ENERGY_METHOD, run.energyMethod());
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
    if (!run.epochs().isEmpty()) {
      EpochRecord last = run.epochs().get(run.epochs().size() - 1);
      span.setAttribute(CARBON_INTENSITY_SOURCE, last.intensity().source());
      span.setAttribute(PUE, last.pue().value());
    }
    if ("failed".equals(run.status()) || "interrupted".equals(run.status())) {
      span.setStatus(StatusCode.ERROR, "run " + run.status());
    }
    span.end(nanos(run.end()), TimeUnit.NANOSECONDS);
  }

  private static long nanos(java.time.Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }

  @Override
  public void close() {
    openRuns.clear();
  }
}
