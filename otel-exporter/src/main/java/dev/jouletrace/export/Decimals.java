package dev.jouletrace.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A number with a fixed count of decimals, exactly as {@code String.format(Locale.ROOT, "%.Nf", v)}
 * writes it, without {@link java.util.Formatter}: the report page writes thousands of coordinates
 * and labels, and the formatter's parsing and decimal conversion were most of the page's time at
 * the end of a run (docs/BENCHMARKS.md, exit).
 *
 * <p>Like the formatter, it rounds half up the shortest decimal that names the double ({@link
 * Double#toString}), so {@code 1.005} gives {@code 1.01}, and keeps the sign of a negative value
 * that rounds to zero ({@code -0.0}).
 */
public final class Decimals {
  private static final long[] POWERS = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /** Scaled values below this are rounded with doubles; above, by the formatter. */
  private static final double FAST_LIMIT = 1e9;

  /** How near a half the scaled value must be to be rounded from its decimal digits instead. */
  private static final double NEAR_HALF = 1e-6;

  private Decimals() {}

  /** {@code v} with {@code decimals} decimals (0 to 9). */
  public static String fixed(double v, int decimals) {
    return append(new StringBuilder(16), v, decimals).toString();
  }

  /** Appends {@code v} with {@code decimals} decimals (0 to 9) to {@code out}. */
  public static StringBuilder append(StringBuilder out, double v, int decimals) {
    if (decimals < 0 || decimals >= POWERS.length) {
      throw new IllegalArgumentException("decimals must be 0 to 9: " + decimals);
    }
    long power = POWERS[decimals];
    double magnitude = Math.abs(v) * power;
    if (!(magnitude < FAST_LIMIT)) { // also NaN and the infinities
      return out.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
    double floor = Math.floor(magnitude);
    long units;
    if (Math.abs(magnitude - floor - 0.5) < NEAR_HALF) {
      // the product's rounding may fall either side of the half: decide on the decimal digits
      units =
          new BigDecimal(Double.toString(Math.abs(v)))
              .setScale(decimals, RoundingMode.HALF_UP)
              .unscaledValue()
              .longValue();
    } else {
      units = (long) Math.floor(magnitude + 0.5);
    }
    if (Double.doubleToRawLongBits(v) < 0) {
      out.append('-');
    }
    out.append(units / power);
    if (decimals > 0) {
      out.append('.');
      String fraction = Long.toString(units % power);
      for (int i = fraction.length(); i < decimals; i++) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out;
  }

  /**
   * Appends {@code v} with {@code precision} significant digits (1 to 17) as {@code %.<precision>g}
   * writes it: plain between 10<sup>-4</sup> and 10<sup>precision</sup> after rounding, else in
   * scientific notation with an exponent of at least two digits.
   */
  public static StringBuilder appendSignificant(StringBuilder out, double v, int precision) {
    if (precision < 1 || precision > 17) {
      throw new IllegalArgumentException("precision must be 1 to 17: " + precision);
    }
    if (!Double.isFinite(v)) {
      return out.append(String.format(Locale.ROOT, "%." + precision + "g", v));
    }
    if (Double.doubleToRawLongBits(v) < 0) {
      out.append('-');
    }
    if (v == 0) {
      out.append('0');
      if (precision > 1) {
        out.append('.');
        for (int i = 1; i < precision; i++) {
          out.append('0');
        }
      }
      return out;
    }
    BigDecimal m =
        new BigDecimal(Double.toString(Math.abs(v)))
            .round(new MathContext(precision, RoundingMode.HALF_UP));
    int exponent = m.precision() - m.scale() - 1; // of the leading digit
    if (exponent >= -4 && exponent < precision) {
      return out.append(
          m.setScale(precision - 1 - exponent, RoundingMode.UNNECESSARY).toPlainString());
    }
    String digits = m.unscaledValue().toString();
    out.append(digits.charAt(0));
    if (precision > 1) {
      out.append('.').append(digits, 1, Math.min(digits.length(), precision));
      for (int i = digits.length(); i < precision; i++) {
        out.append('0');
      }
    }
    out.append(exponent < 0 ? "e-" : "e+");
    int e = Math.abs(exponent);
    if (e < 10) {
      out.append('0');
    }
    return out.append(e);
  }
}
