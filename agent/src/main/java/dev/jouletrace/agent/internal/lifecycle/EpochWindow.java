package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.TrainingMetrics;
import dev.jouletrace.accounting.WindowStatus;
import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.util.ArrayList;
import java.util.List;

/**
 * One open epoch of a model: where it began (meter reading, batch counts), its energy share, and
 * the validation passes and measured batches inside it. Changed only under its model's monitor;
 * {@link #close} turns it into the epoch's {@link EpochRecord}.
 */
final class EpochWindow {
  /**
   * How the JVM's energy is split when epochs of different models overlap (see {@link
   * EpochRecord#shared()}).
   */
  static final String SHARE_RULE =
      "overlap split by training-thread CPU time, equally where it is unknown";

  final int index;

  /** The epoch span's id, chosen now so that a Spark driver can publish it to its tasks. */
  final long spanId;

  final MeterReading start;
  private final SharedEnergy.Share share;
  private final BatchTally.Mark mark;
  private final long frameworkBatchesAtStart;

  /** Opened by a batch (DJL has no epoch-begin event), not by an epoch call. */
  final boolean openedByBatch;

  /** {@link System#nanoTime()} when the epoch opened, for windows cut by time. */
  final long startNanos = System.nanoTime();

  /** The framework announced the epoch's end; it closes when the next begins or the run ends. */
  private boolean endAnnounced;

  /** A score computed for the epoch (DL4J early stopping's score calculator), or NaN. */
  private double score = Double.NaN;

  private boolean scoreIsLoss;

  /** What the framework's own summary of the epoch said (SameDiff), or null. */
  private TrainingMetrics summary;

  private final List<SubWindow> validations = new ArrayList<>();
  private MeterReading validationStart;
  private long validationBatchesAtStart;

  private final List<SubWindow> batchWindows = new ArrayList<>();
  private MeterReading batchStart;
  private long batchIndex;

  /**
   * @param share the epoch's share of the JVM's energy, open since the epoch began
   * @param frameworkBatchesAtStart the framework's own batch count at the start, or -1
   */
  EpochWindow(
      int index,
      SharedEnergy.Share share,
      BatchTally.Mark mark,
      long frameworkBatchesAtStart,
      boolean openedByBatch) {
    this.spanId = SpanIdSource.nextSpanId();
    this.index = index;
    this.start = share.start;
    this.share = share;
    this.mark = mark;
    this.frameworkBatchesAtStart = frameworkBatchesAtStart;
    this.openedByBatch = openedByBatch;
  }

  void announceEnd() {
    endAnnounced = true;
  }

  boolean endAnnounced() {
    return endAnnounced;
  }

  /** The epoch's score: a validation loss when lower is better, else a validation accuracy. */
  void scored(double value, boolean isLoss) {
    score = value;
    scoreIsLoss = isLoss;
  }

  /** The framework's summary of the epoch (SameDiff's loss curve), read when it ends. */
  void summarised(TrainingMetrics metrics) {
    summary = metrics;
  }

  /** Training batches counted in the window so far. */
  long batchesSoFar(BatchTally tally) {
    return mark.batchesSince(tally) + Math.max(0, tally.steps.get() - mark.steps);
  }

  boolean inValidation() {
    return validationStart != null;
  }

  /** A validation pass begins; false when one is already open. */
  boolean beginValidation(MeterReading at, BatchTally tally) {
    if (validationStart != null) {
      return false;
    }
    validationStart = at;
    validationBatchesAtStart = tally.validationBatches.get();
    return true;
  }

  void endValidation(EnergyMeter meter, BatchTally tally, WindowStatus status) {
    if (validationStart == null) {
      return;
    }
    MeterReading end = meter.read();
    validations.add(
        SubWindow.validation(
            validationStart.time(),
            end.time(),
            tally.validationBatches.get() - validationBatchesAtStart,
            status,
            meter.window(validationStart, end)));
    validationStart = null;
  }

  /** Whether a batch measured on its own is open. */
  boolean measuringBatch() {
    return batchStart != null;
  }

  /** The batch about to run is measured on its own, if {@code which} says so. */
  void maybeMeasureBatch(BatchSpans which, BatchTally tally, EnergyMeter meter) {
    long position = mark.batchesSince(tally) - 1;
    if (batchStart == null && which.measures(position)) {
      batchIndex = position;
      batchStart = meter.read();
    }
  }

  void endMeasuredBatch(EnergyMeter meter, double loss) {
    if (batchStart == null) {
      return;
    }
    MeterReading end = meter.read();
    batchWindows.add(
        SubWindow.batch(
            batchIndex, batchStart.time(), end.time(), loss, meter.window(batchStart, end)));
    batchStart = null;
  }

  /**
   * Ends the window now and makes its record: the meter is read once (through the energy share when
   * there is one).
   */
  EpochRecord close(
      EnergyMeter meter,
      SharedEnergy sharedEnergy,
      HourMarks hourMarks,
      BatchTally tally,
      RunState run,
      String framework,
      ProgressReader progress,
      Object model,
      WindowStatus status,
      boolean frameworkEnded) {
    MeterReading end = sharedEnergy.closeEpoch(share, run.share);
    EnergyWindow energy = meter.window(start, end, share.processJoules);
    List<EnergySlice> slices =
        hourMarks == null ? List.of() : hourMarks.slices(meter, start, end, energy.processTotal());
    return EpochRecord.builder()
        .run(run.number, framework)
        .index(index)
        .status(status)
        .window(start.time(), end.time())
        .batches(batches(tally, progress, model))
        .samples(mark.samplesSince(tally))
        .metrics(metrics(tally, progress, frameworkEnded ? model : null))
        .energy(energy)
        .validations(validations)
        .batchWindows(batchWindows)
        .sharedBy(share.shared ? SHARE_RULE : null)
        .hourSlices(slices)
        .spanId(spanId)
        .build();
  }

  /** The batches counted, else the framework's own iteration count over the window. */
  private long batches(BatchTally tally, ProgressReader progress, Object model) {
    long counted = mark.trainingBatchesSince(tally);
    if (counted > 0 || model == null || frameworkBatchesAtStart < 0) {
      return counted;
    }
    long now = progress.batchesSoFar(model);
    return now >= 0 ? Math.max(0, now - frameworkBatchesAtStart) : 0;
  }

  /**
   * What the framework reports at the epoch's end (only when the framework itself ended it:
   * otherwise its figures are the previous epoch's), or its own summary of the epoch, with the
   * training loss taken from the epoch's own batches where they showed one, and the epoch's score.
   */
  private TrainingMetrics metrics(BatchTally tally, ProgressReader progress, Object model) {
    TrainingMetrics metrics =
        summary != null ? summary : model == null ? TrainingMetrics.NONE : progress.metrics(model);
    double mean = mark.meanLossSince(tally);
    if (!Double.isNaN(mean)) {
      metrics = metrics.withBatchLosses(mean, mark.lastLossSince(tally));
    }
    if (!Double.isNaN(score)) {
      metrics =
          scoreIsLoss ? metrics.withValidationLoss(score) : metrics.withValidationAccuracy(score);
    }
    return metrics;
  }
}
