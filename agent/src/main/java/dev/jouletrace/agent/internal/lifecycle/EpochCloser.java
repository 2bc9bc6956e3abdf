package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes an open epoch: reads the meter once, builds its {@link EpochMeasurement}, hands it off.
 */
final class EpochCloser {
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
  void close(ModelState s, Object model, String status) {
    SharedEnergy.Share share = s.share;
    MeterReading end = share != null ? sharedEnergy.close(share) : meter.read();
    s.epochOpen = false;
    s.share = null;
    s.lastActivityNanos = System.nanoTime();
    long batches = batchesOf(s, model);
    long samples = s.samples.get() - s.samplesAtStart;
    EpochMetrics metrics = EpochMetrics.NONE;
    if (model != null) {
      metrics = s.policy.progress.metrics(model);
    }
    if (s.lossCount > 0) {
      metrics = metrics.withBatchLosses(s.lossSum / s.lossCount, s.lastLoss);
    } else if (metrics.trainLoss != null && !s.policy.batchOpensEpoch) {
      metrics = metrics.withBatchLosses(metrics.trainLoss, metrics.trainLoss);
    }
    s.resetLosses();
    List<ValidationWindow> validations = s.validations;
    s.validations = new ArrayList<>();
    List<BatchWindow> batchWindows = s.batchWindows;
    s.batchWindows = new ArrayList<>();
    s.batchStart = null;
    s.lastEpochEnd = end.time();
    AgentLog.debug(
        s.framework
            + " run "
            + s.runNumber
            + " epoch "
            + s.epochIndex
            + " "
            + status
            + ": "
            + batches
            + " batches, "
            + samples
            + " samples, "
            + validations.size()
            + " validation windows"
            + (share != null && share.shared ? ", shared" : ""));
    List<DomainEnergy> energy =
        share != null
            ? meter.between(s.epochStart, end, share.processJoules)
            : meter.between(s.epochStart, end);
    HourMarks marks = hourMarks;
    List<EnergySlice> slices =
        marks == null
            ? List.of()
            : marks.slices(meter, s.epochStart, end, DomainEnergy.processTotal(energy));
    sink.epochMeasured(
        new EpochMeasurement(
            s.runNumber,
            s.framework,
            s.epochIndex,
            status,
            s.epochStart.time(),
            end.time(),
            batches,
            samples > 0 ? samples : -1,
            metrics,
            energy,
            validations,
            batchWindows,
            share != null && share.shared,
            slices));
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
