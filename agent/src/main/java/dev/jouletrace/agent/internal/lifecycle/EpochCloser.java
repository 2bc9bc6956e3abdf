package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.util.ArrayList;
import java.util.List;

/** Closes an open epoch: reads the meter once, makes its {@link EpochRecord}, hands it off. */
final class EpochCloser {
  /**
   * How the JVM's energy is split when epochs of different models overlap (see {@link
   * EpochRecord#shared()}).
   */
  static final String SHARE_RULE =
      "overlap split by training-thread CPU time, equally where it is unknown";

  private final EnergyMeter meter;
  private final SharedEnergy sharedEnergy;
  private final RunSink sink;
  private volatile HourMarks hourMarks;

  EpochCloser(EnergyMeter meter, SharedEnergy sharedEnergy, RunSink sink) {
    this.meter = meter;
    this.sharedEnergy = sharedEnergy;
    this.sink = sink;
  }

  /** Splits epochs at clock hours for hourly intensity series; without it, one slice each. */
  void splitAtHours(HourMarks marks) {
    this.hourMarks = marks;
  }

  /** Called under the state's monitor. */
  void close(ModelState s, Object model, WindowStatus status) {
    SharedEnergy.Share share = s.share;
    MeterReading end = share != null ? sharedEnergy.close(share) : meter.read();
    s.epochOpen = false;
    s.share = null;
    s.lastActivityNanos = System.nanoTime();
    long batches = batchesOf(s, model);
    long samples = s.samples.get() - s.samplesAtStart;
    List<SubWindow> validations = s.validations;
    s.validations = new ArrayList<>();
    List<SubWindow> batchWindows = s.batchWindows;
    s.batchWindows = new ArrayList<>();
    s.batchStart = null;
    s.lastEpochEnd = end.time();
    EnergyWindow energy =
        share != null
            ? meter.window(s.epochStart, end, share.processJoules)
            : meter.window(s.epochStart, end);
    HourMarks marks = hourMarks;
    List<EnergySlice> slices =
        marks == null ? List.of() : marks.slices(meter, s.epochStart, end, energy.processTotal());
    sink.epochMeasured(
        EpochRecord.builder()
            .run(s.runNumber, s.framework)
            .index(s.epochIndex)
            .status(status)
            .window(s.epochStart.time(), end.time())
            .batches(batches)
            .samples(samples > 0 ? samples : -1)
            .metrics(metricsOf(s, model))
            .energy(energy)
            .validations(validations)
            .batchWindows(batchWindows)
            .sharedBy(share != null && share.shared ? SHARE_RULE : null)
            .hourSlices(slices)
            .build());
    if (AgentLog.debugEnabled()) {
      AgentLog.debug(
          s.framework
              + " run "
              + s.runNumber
              + " epoch "
              + s.epochIndex
              + " "
              + status.label()
              + ": "
              + batches
              + " batches, "
              + samples
              + " samples, "
              + validations.size()
              + " validation windows"
              + (share != null && share.shared ? ", shared" : ""));
    }
  }

  /**
   * What the framework reports at the epoch's end, with the training loss taken from the epoch's
   * own batches where they showed one (DL4J: {@code score()} is only the last minibatch's).
   */
  private static TrainingMetrics metricsOf(ModelState s, Object model) {
    TrainingMetrics metrics =
        model == null ? TrainingMetrics.NONE : s.policy.progress.metrics(model);
    long count = s.lossCount.get() - s.lossCountAtStart;
    if (count > 0) {
      return metrics.withBatchLosses((s.lossSum.sum() - s.lossSumAtStart) / count, s.lastLoss);
    }
    if (!Double.isNaN(metrics.trainLoss()) && !s.policy.batchOpensEpoch) {
      return metrics.withBatchLosses(metrics.trainLoss(), metrics.trainLoss());
    }
    return metrics;
  }

  /**
   * Worker batches where there were any (ParallelWrapper), else the batches seen, else optimizer
   * steps (DJL loops without trainBatch), else the framework's own iteration count.
   */
  private static long batchesOf(ModelState s, Object model) {
    long workers = s.workerBatches.get() - s.workerBatchesAtStart;
    if (workers > 0) {
      return workers;
    }
    long counted = s.batches.get() - s.batchesAtStart;
    if (counted > 0) {
      return counted;
    }
    long steps = s.steps.get() - s.stepsAtStart;
    if (steps > 0) {
      return steps;
    }
    if (model != null && s.frameworkBatchesAtStart >= 0) {
      long now = s.policy.progress.batchesSoFar(model);
      return now >= 0 ? Math.max(0, now - s.frameworkBatchesAtStart) : 0;
    }
    return 0;
  }
}
