package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;
import java.util.List;
import java.util.Locale;

/** The arithmetic behind the plotted figures that is not already a figure of the accounting. */
final class ChartMath {
  private ChartMath() {}

  /**
   * The run's energy through its best epoch: the epochs' energy less the energy the accounting
   * charged after the best one ({@code energy_after_best_j}), so the shaded part of the learning
   * curve is exactly that figure.
   */
  static double energyThroughBestJoules(RunView run) {
    return Math.max(0, run.epochsEnergyJoules - run.energyAfterBestJoules);
  }

  /** The point holding the run's best epoch; -1 when there is none. */
  static int bestPoint(RunView run) {
    return bestPoint(run.points, run.bestEpoch);
  }

  /** The point of {@code points} holding epoch {@code bestEpoch}; -1 when none (or no best). */
  static int bestPoint(List<EpochPoint> points, int bestEpoch) {
    if (bestEpoch < 0) {
      return -1;
    }
    for (int i = 0; i < points.size(); i++) {
      EpochPoint p = points.get(i);
      if (bestEpoch >= p.firstIndex && bestEpoch <= p.lastIndex) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The cumulative energy at which the cumulative CO2e reached {@code co2Grams}, along the points'
   * (energy, CO2e) pairs from (0, 0), linear in between: where a CO2e tick goes on an energy axis.
   * Past the last point, extrapolated with the last pair's ratio.
   */
  static double energyAtCo2(List<EpochPoint> points, double co2Grams) {
    double j0 = 0;
    double c0 = 0;
    for (EpochPoint p : points) {
      double j1 = p.cumulativeJoules;
      double c1 = p.cumulativeCo2Grams;
      if (co2Grams <= c1) {
        return c1 == c0 ? j0 : j0 + (co2Grams - c0) / (c1 - c0) * (j1 - j0);
      }
      j0 = j1;
      c0 = c1;
    }
    return c0 > 0 ? co2Grams * j0 / c0 : 0;
  }

  /** Every {@code stride}-th of {@code n} marks so that at most {@code max} are drawn. */
  static int stride(int n, int max) {
    return Math.max(1, (n + max - 1) / Math.max(1, max));
  }

  /**
   * The progress of the metric from the run's first reported value to its best, per kJ of the
   * energy through the best epoch: how much a run learned per unit of energy; NaN when unknown.
   */
  static double progressPerKilojoule(RunView run, LearningMetric metric) {
    int best = bestPoint(run);
    if (metric == null || best < 0) {
      return Double.NaN;
    }
    double first = Double.NaN;
    for (EpochPoint p : run.points) {
      first = metric.of(p);
      if (!Double.isNaN(first)) {
        break;
      }
    }
    double kj = energyThroughBestJoules(run) / 1e3;
    double bestValue = metric.of(run.points.get(best));
    return kj > 0 && !Double.isNaN(first) && !Double.isNaN(bestValue)
        ? metric.progress(first, bestValue) / kj
        : Double.NaN;
  }

  /** The unit energies of this size read best in: J, kJ or MJ, with its divisor. */
  static EnergyUnit energyUnit(double maxJoules) {
    if (maxJoules >= 1e6) {
      return EnergyUnit.MJ;
    }
    return maxJoules >= 1e3 ? EnergyUnit.KJ : EnergyUnit.J;
  }

  /** A unit for an energy axis. */
  enum EnergyUnit {
    J("J", 1),
    KJ("kJ", 1e3),
    MJ("MJ", 1e6);

    final String label;
    final double joules;

    EnergyUnit(String label, double joules) {
      this.label = label;
      this.joules = joules;
    }
  }

  /** "1.23 kJ", "456 J": three significant digits in the unit the size calls for. */
  static String energy(double joules) {
    EnergyUnit u = energyUnit(Math.abs(joules));
    return number(joules / u.joules) + " " + u.label;
  }

  /** "0.0123 g", "1.23 kg". */
  static String grams(double g) {
    return Math.abs(g) >= 1000 ? number(g / 1000) + " kg" : number(g) + " g";
  }

  /** Three significant digits, no exponent for everyday sizes. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "–";
    }
    double a = Math.abs(d);
    if (a == 0) {
      return "0";
    }
    if (a >= 100) {
      return Decimals.fixed(d, 0);
    }
    if (a >= 1e-3) {
      int decimals = 2 - (int) Math.floor(Math.log10(a));
      return Decimals.fixed(d, decimals);
    }
    return String.format(Locale.ROOT, "%.2e", d);
  }

  /** "38 %". */
  static String percent(double share) {
    return Double.isNaN(share) ? "–" : Decimals.fixed(share * 100, 0) + " %";
  }

  /** "1 h 02 min", "3 min 05 s", "12.3 s". */
  static String duration(double seconds) {
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%d h %02d min", (long) (seconds / 3600), (long) (seconds % 3600 / 60));
    }
    if (seconds >= 60) {
      return String.format(
          Locale.ROOT, "%d min %02d s", (long) (seconds / 60), (long) (seconds % 60));
    }
    return Decimals.fixed(seconds, 1) + " s";
  }
}
