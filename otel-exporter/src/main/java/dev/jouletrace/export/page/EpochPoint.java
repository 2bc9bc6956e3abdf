package dev.jouletrace.export.page;

import java.util.List;

/**
 * One plotted point of a run: one epoch, or a range of consecutive epochs of a long run, with the
 * figures the charts and the table show. Filled from the run's chart series while it runs, or from
 * its epochs in {@code report.json}.
 */
final class EpochPoint {
  int firstIndex;
  int lastIndex;
  int epochs;
  int notCompleted;
  long startMillis;
  long endMillis;
  double durationSeconds;
  double energyJoules;

  /** By domain, in the run's domain order. */
  double[] domainJoules;

  String method;
  double co2OperationalGrams;
  double co2Grams;
  double cumulativeJoules;
  double cumulativeCo2Grams;
  double trainLoss = Double.NaN;
  double validationLoss = Double.NaN;
  double validationAccuracy = Double.NaN;

  /** The accounting's loss improvement and accuracy gain per kJ (NaN when not reported). */
  double lossImprovementPerKj = Double.NaN;

  double accuracyGainPerKj = Double.NaN;

  /** Start and end of each validation pass, alternately (epoch milliseconds). */
  long[] validationWindows = new long[0];

  /** "3" or "4–7". */
  String epochLabel() {
    return firstIndex == lastIndex ? Integer.toString(firstIndex) : firstIndex + "–" + lastIndex;
  }

  double energyPerEpochJoules() {
    return epochs > 0 ? energyJoules / epochs : 0;
  }

  double meanPowerWatts() {
    return durationSeconds > 0 ? energyJoules / durationSeconds : 0;
  }

  /**
   * Merges consecutive points into at most {@code max} (equal groups; sums of energies, last of
   * cumulative and progress figures, energy-weighted mean of the per-kJ figures); a run read back
   * from its files is charted the way a long run is charted while it goes on.
   */
  static List<EpochPoint> downsample(List<EpochPoint> points, int max) {
    if (points.size() <= max) {
      return points;
    }
    int group = (points.size() + max - 1) / max;
    List<EpochPoint> out = new java.util.ArrayList<>();
    for (int i = 0; i < points.size(); i += group) {
      List<EpochPoint> g = points.subList(i, Math.min(points.size(), i + group));
      out.add(merge(g));
    }
    return out;
  }

  static EpochPoint merge(List<EpochPoint> group) {
    EpochPoint first = group.get(0);
    EpochPoint m = new EpochPoint();
    m.firstIndex = first.firstIndex;
    m.startMillis = first.startMillis;
    m.domainJoules = new double[first.domainJoules.length];
    m.method = first.method;
    double lossJ = 0;
    double loss = 0;
    double accJ = 0;
    double acc = 0;
    for (EpochPoint p : group) {
      m.lastIndex = p.lastIndex;
      m.endMillis = p.endMillis;
      m.epochs += p.epochs;
      m.notCompleted += p.notCompleted;
      m.durationSeconds += p.durationSeconds;
      m.energyJoules += p.energyJoules;
      for (int d = 0; d < m.domainJoules.length && d < p.domainJoules.length; d++) {
        m.domainJoules[d] += p.domainJoules[d];
      }
      m.method = Methods.weakest(m.method, p.method);
      m.co2OperationalGrams += p.co2OperationalGrams;
      m.co2Grams += p.co2Grams;
      m.cumulativeJoules = p.cumulativeJoules;
      m.cumulativeCo2Grams = p.cumulativeCo2Grams;
      m.trainLoss = Double.isNaN(p.trainLoss) ? m.trainLoss : p.trainLoss;
      m.validationLoss = Double.isNaN(p.validationLoss) ? m.validationLoss : p.validationLoss;
      m.validationAccuracy =
          Double.isNaN(p.validationAccuracy) ? m.validationAccuracy : p.validationAccuracy;
      if (!Double.isNaN(p.lossImprovementPerKj)) {
        loss += p.lossImprovementPerKj * p.energyJoules / 1e3;
        lossJ += p.energyJoules;
      }
      if (!Double.isNaN(p.accuracyGainPerKj)) {
        acc += p.accuracyGainPerKj * p.energyJoules / 1e3;
        accJ += p.energyJoules;
      }
    }
    m.lossImprovementPerKj = lossJ > 0 ? loss / (lossJ / 1e3) : Double.NaN;
    m.accuracyGainPerKj = accJ > 0 ? acc / (accJ / 1e3) : Double.NaN;
    return m;
  }
}
