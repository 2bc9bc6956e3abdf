package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;
import java.util.Locale;

/**
 * A linear axis: data values to pixels, extended to round ticks (1, 2 or 5 × a power of ten) so
 * that every tick is labelled with a short number.
 */
final class Scale {
  private final double min;
  private final double max;
  private final double step;
  private final double from;
  private final double to;

  private Scale(double min, double max, double step, double from, double to) {
    this.min = min;
    this.max = max;
    this.step = step;
    this.from = from;
    this.to = to;
  }

  /**
   * A scale covering {@code [low, high]} (widened to round ticks, about {@code ticks} of them),
   * drawn from pixel {@code from} to pixel {@code to} (to < from for a y axis).
   */
  static Scale of(double low, double high, double from, double to, int ticks) {
    double lo = finite(low) ? low : 0;
    double hi = finite(high) ? high : lo;
    if (hi < lo) {
      double t = lo;
      lo = hi;
      hi = t;
    }
    if (hi == lo) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo = lo == 0 ? 0 : lo - pad;
      hi = hi + pad;
    }
    double step = niceStep((hi - lo) / Math.max(1, ticks));
    double min = Math.floor(lo / step + 1e-9) * step;
    double max = Math.ceil(hi / step - 1e-9) * step;
    return new Scale(min, max, step, from, to);
  }

  /** The round step nearest above {@code raw}: 1, 2 or 5 × 10^k. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !finite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double n = raw / magnitude;
    double nice = n <= 1 + 1e-9 ? 1 : n <= 2 + 1e-9 ? 2 : n <= 5 + 1e-9 ? 5 : 10;
    return nice * magnitude;
  }

  private static boolean finite(double d) {
    return !Double.isNaN(d) && !Double.isInfinite(d);
  }

  /** The pixel of a data value. */
  double at(double value) {
    return from + (value - min) / (max - min) * (to - from);
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  double step() {
    return step;
  }

  /** The tick values, min to max inclusive. */
  double[] ticks() {
    int n = (int) Math.round((max - min) / step) + 1;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = clean(min + i * step);
    }
    return t;
  }

  /** A tick label with as many decimals as the step needs, nothing more. */
  String label(double value) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    if (Math.abs(value) >= 1e5 || (value != 0 && Math.abs(value) < 1e-4)) {
      return String.format(Locale.ROOT, "%.2g", value);
    }
    return Decimals.fixed(clean(value), decimals);
  }

  private double clean(double v) {
    return Math.abs(v) < step * 1e-9 ? 0 : v;
  }
}
