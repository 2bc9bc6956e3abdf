package dev.jouletrace.accounting;

import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A run's epochs as charts need them, in at most {@link #capacity} points: one point per epoch
 * while the run is short, then neighbouring points merged pairwise (each point then stands for a
 * range of 2, 4, 8… consecutive epochs), so that memory stays constant however long the run.
 */
public final class EpochSeries {
  /** Points kept while a run goes on: every epoch of runs up to this length is its own point. */
  public static final int DEFAULT_CAPACITY = 1024;

  private final int capacity;
  private final List<Point> points = new ArrayList<>();
  private int width = 1;
  private List<EnergyDomain> domains = List.of();

  public EpochSeries() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * @param capacity points kept at most; even and at least 2
   */
  public EpochSeries(int capacity) {
    if (capacity < 2 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and >= 2: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Adds the next epoch of the run.
   *
   * @param cumulativeJoules the run's energy through this epoch
   * @param cumulativeCo2Grams the run's CO2e (operational + embodied) through this epoch
   */
  void add(EpochAccount epoch, double cumulativeJoules, double cumulativeCo2Grams) {
    if (points.isEmpty()) {
      domains = epoch.record().energy().domains();
    }
    Point last = points.isEmpty() ? null : points.get(points.size() - 1);
    if (last == null || last.epochs >= width) {
      if (points.size() == capacity) {
        halve();
      }
      last = new Point(epoch.record().energy().size());
      points.add(last);
    }
    last.add(epoch, cumulativeJoules, cumulativeCo2Grams);
  }

  /** Merges neighbouring points until at most {@code max} remain (a finished run's keepsake). */
  public void compact(int max) {
    while (points.size() > Math.max(2, max)) {
      halve();
    }
  }

  private void halve() {
    List<Point> merged = new ArrayList<>(points.size() / 2 + 1);
    for (int i = 0; i < points.size(); i += 2) {
      Point a = points.get(i);
      if (i + 1 < points.size()) {
        a.merge(points.get(i + 1));
      }
      merged.add(a);
    }
    points.clear();
    points.addAll(merged);
    width *= 2;
  }

  /** The points, oldest first. */
  public List<Point> points() {
    return Collections.unmodifiableList(points);
  }

  /** The energy domains of the points' {@link Point#domainJoules}, as the run's first epoch had. */
  public List<EnergyDomain> domains() {
    return domains;
  }

  /** Epochs each full point stands for: 1 until the run outgrew the capacity. */
  public int epochsPerPoint() {
    return width;
  }

  /**
   * The run's energy through the end of the epoch at {@code index}: exact when that epoch ends a
   * point, else interpolated inside its point as if the point's energy were spread evenly.
   */
  public double energyThrough(int index) {
    double before = 0;
    for (Point p : points) {
      if (index > p.lastIndex) {
        before = p.cumulativeJoules;
        continue;
      }
      if (index < p.firstIndex) {
        return before;
      }
      double part = (double) (index - p.firstIndex + 1) / (p.lastIndex - p.firstIndex + 1);
      return before + part * p.energyJoules;
    }
    return before;
  }

  /** One or more consecutive epochs of a run, summed (or, for progress figures, the last). */
  public static final class Point {
    private int firstIndex = -1;
    private int lastIndex;
    private int epochs;
    private int notCompleted;
    private Instant start;
    private Instant end;
    private double durationSeconds;
    private double energyJoules;
    private final double[] domainJoules;
    private EnergyMethod method = EnergyMethod.MEASURED;
    private double co2Grams;
    private double co2OperationalGrams;
    private double cumulativeJoules;
    private double cumulativeCo2Grams;
    private long samples;
    private double trainLoss = Double.NaN;
    private double validationLoss = Double.NaN;
    private double validationAccuracy = Double.NaN;
    private double validationSeconds;
    private double validationJoules;
    private double lossImprovement;
    private double lossImprovementJoules;
    private double accuracyGain;
    private double accuracyGainJoules;
    private List<Instant> validationWindows = new ArrayList<>(2);

    Point(int domains) {
      this.domainJoules = new double[domains];
    }

    void add(EpochAccount account, double cumulativeJoules, double cumulativeCo2Grams) {
      EpochRecord e = account.record();
      if (firstIndex < 0) {
        firstIndex = e.index();
        start = e.start();
      }
      lastIndex = e.index();
      end = e.end();
      epochs++;
      notCompleted += e.status() == WindowStatus.COMPLETED ? 0 : 1;
      durationSeconds += e.durationSeconds();
      energyJoules += e.energyJoules();
      for (int i = 0; i < domainJoules.length && i < e.energy().size(); i++) {
        domainJoules[i] += e.energy().processJoules(i);
      }
      method = EnergyMethod.weakest(method, e.energy().method());
      co2Grams += account.carbon().totalGrams();
      co2OperationalGrams += account.carbon().operationalGrams();
      this.cumulativeJoules = cumulativeJoules;
      this.cumulativeCo2Grams = cumulativeCo2Grams;
      samples += Math.max(0, e.samples());
      TrainingMetrics m = e.metrics();
      trainLoss = latest(trainLoss, m.trainLoss());
      validationLoss = latest(validationLoss, m.validationLoss());
      validationAccuracy = latest(validationAccuracy, m.validationAccuracy());
      for (SubWindow v : e.validations()) {
        validationSeconds += v.durationSeconds();
        validationJoules += v.energyJoules();
        validationWindows.add(v.start());
        validationWindows.add(v.end());
      }
      // the accounting's per-epoch figures, weighted back into amounts so that points can merge
      EpochEfficiency eff = account.efficiency();
      if (eff.lossImprovementPerKilojoule().isPresent()) {
        lossImprovement += eff.lossImprovementPerKilojoule().getAsDouble() * e.energyJoules() / 1e3;
        lossImprovementJoules += e.energyJoules();
      }
      if (eff.accuracyGainPerKilojoule().isPresent()) {
        accuracyGain += eff.accuracyGainPerKilojoule().getAsDouble() * e.energyJoules() / 1e3;
        accuracyGainJoules += e.energyJoules();
      }
    }

    void merge(Point next) {
      lastIndex = next.lastIndex;
      end = next.end;
      epochs += next.epochs;
      notCompleted += next.notCompleted;
      durationSeconds += next.durationSeconds;
      energyJoules += next.energyJoules;
      for (int i = 0; i < domainJoules.length; i++) {
        domainJoules[i] += next.domainJoules[i];
      }
      method = EnergyMethod.weakest(method, next.method);
      co2Grams += next.co2Grams;
      co2OperationalGrams += next.co2OperationalGrams;
      cumulativeJoules = next.cumulativeJoules;
      cumulativeCo2Grams = next.cumulativeCo2Grams;
      samples += next.samples;
      trainLoss = latest(trainLoss, next.trainLoss);
      validationLoss = latest(validationLoss, next.validationLoss);
      validationAccuracy = latest(validationAccuracy, next.validationAccuracy);
      validationSeconds += next.validationSeconds;
      validationJoules += next.validationJoules;
      lossImprovement += next.lossImprovement;
      lossImprovementJoules += next.lossImprovementJoules;
      accuracyGain += next.accuracyGain;
      accuracyGainJoules += next.accuracyGainJoules;
      // a merged point stands for several epochs: its validation passes are no longer drawn
      validationWindows = List.of();
    }

    private static double latest(double earlier, double later) {
      return Double.isNaN(later) ? earlier : later;
    }

    public int firstIndex() {
      return firstIndex;
    }

    public int lastIndex() {
      return lastIndex;
    }

    public int epochs() {
      return epochs;
    }

    /** Epochs in the point that did not complete (failed or interrupted). */
    public int notCompleted() {
      return notCompleted;
    }

    public Instant start() {
      return start;
    }

    public Instant end() {
      return end;
    }

    public double durationSeconds() {
      return durationSeconds;
    }

    /** Energy charged to the point's epochs. */
    public double energyJoules() {
      return energyJoules;
    }

    /** Energy charged, by domain (the meter's order). */
    public double domainJoules(int domain) {
      return domainJoules[domain];
    }

    /** Mean energy per epoch of the point. */
    public double energyPerEpochJoules() {
      return energyJoules / epochs;
    }

    /** Energy over the epochs' own time: their mean power. */
    public double meanPowerWatts() {
      return durationSeconds > 0 ? energyJoules / durationSeconds : 0;
    }

    /** The least direct method among the point's epochs. */
    public EnergyMethod method() {
      return method;
    }

    /** Operational plus embodied CO2e of the point's epochs. */
    public double co2Grams() {
      return co2Grams;
    }

    /** Operational CO2e alone (energy × intensity × PUE) of the point's epochs. */
    public double co2OperationalGrams() {
      return co2OperationalGrams;
    }

    /** The run's energy through the point's last epoch. */
    public double cumulativeJoules() {
      return cumulativeJoules;
    }

    /** The run's CO2e (operational + embodied) through the point's last epoch. */
    public double cumulativeCo2Grams() {
      return cumulativeCo2Grams;
    }

    public long samples() {
      return samples;
    }

    /** The last training loss reported in the point; NaN when none. */
    public double trainLoss() {
      return trainLoss;
    }

    /** The last validation loss reported in the point; NaN when none. */
    public double validationLoss() {
      return validationLoss;
    }

    /** The last validation accuracy reported in the point; NaN when none. */
    public double validationAccuracy() {
      return validationAccuracy;
    }

    /** Time spent in validation passes inside the point's epochs. */
    public double validationSeconds() {
      return validationSeconds;
    }

    /** Energy of the validation passes inside the point's epochs. */
    public double validationJoules() {
      return validationJoules;
    }

    /**
     * The loss improvement of the point's epochs per kJ of the epochs that reported one (the
     * accounting's {@link EpochEfficiency#lossImprovementPerKilojoule()}, energy-weighted over a
     * merged point); NaN when none did.
     */
    public double lossImprovementPerKilojoule() {
      return lossImprovementJoules > 0
          ? lossImprovement / (lossImprovementJoules / 1e3)
          : Double.NaN;
    }

    /** Likewise for the validation accuracy gain; NaN when no epoch reported one. */
    public double accuracyGainPerKilojoule() {
      return accuracyGainJoules > 0 ? accuracyGain / (accuracyGainJoules / 1e3) : Double.NaN;
    }

    /**
     * Start and end of each validation pass, alternately, while the point stands for one epoch;
     * empty for a merged point.
     */
    public List<Instant> validationWindows() {
      return Collections.unmodifiableList(validationWindows);
    }
  }
}
