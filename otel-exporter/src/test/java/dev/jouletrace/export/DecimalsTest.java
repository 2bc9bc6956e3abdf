package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  private static String formatter(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  @Test
  void writesWhatTheFormatterWritesForEdgeCases() {
    double[] values = {
      0.0,
      -0.0,
      1.005,
      0.125,
      2.5,
      -2.5,
      0.05,
      -0.04,
      1.45,
      0.045,
      999_999.95,
      123_456.789,
      1e-9,
      -1e-9,
      4.35,
      8.345,
      0.5,
      1.5,
      99.995,
      1e8,
      5e8 + 0.5,
      0.1 + 0.2,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      3e9,
      1234567.8949999
    };
    for (double v : values) {
      for (int d = 0; d <= 9; d++) {
        assertThat(Decimals.fixed(v, d)).as("%s with %d decimals", v, d).isEqualTo(formatter(v, d));
      }
    }
  }

  @Test
  void writesWhatTheFormatterWritesForRandomValuesOfEverySize() {
    SplittableRandom random = new SplittableRandom(20261201);
    for (int i = 0; i < 200_000; i++) {
      double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-6, 10));
      if (i % 4 == 0) { // values on a grid, where halves are common
        v = Math.round(v * 1000) / 1000.0 + (random.nextBoolean() ? 0.0005 : 0.005);
      }
      int d = random.nextInt(0, 10);
      assertThat(Decimals.fixed(v, d)).as("%s with %d decimals", v, d).isEqualTo(formatter(v, d));
    }
  }

  @Test
  void significantDigitsAreWhatTheFormatterWrites() {
    double[] values = {
      0.0,
      -0.0,
      1.0,
      1e-4,
      9.99999999e-5,
      0.000099999999995,
      999_999_999.5,
      999_999_999.4,
      1e9,
      123_456_789.0,
      0.1 + 0.2,
      1e-300,
      1e300,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      2.5,
      1.005,
      12_345.678_901_234,
      -0.000_012_345,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      -1e-5
    };
    for (double v : values) {
      for (int p = 1; p <= 17; p++) {
        assertThat(significant(v, p))
            .as("%s to %d digits", v, p)
            .isEqualTo(String.format(Locale.ROOT, "%." + p + "g", v));
      }
    }
    SplittableRandom random = new SplittableRandom(1201);
    for (int i = 0; i < 200_000; i++) {
      double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-12, 14));
      if (i % 4 == 0) {
        v = Math.round(v * 1e6) / 1e6;
      }
      int p = i % 2 == 0 ? 9 : random.nextInt(1, 18);
      assertThat(significant(v, p))
          .as("%s to %d digits", v, p)
          .isEqualTo(String.format(Locale.ROOT, "%." + p + "g", v));
    }
  }

  private static String significant(double v, int precision) {
    return Decimals.appendSignificant(new StringBuilder(), v, precision).toString();
  }

  @Test
  void appendsToWhatIsThereAndRejectsDecimalsItCannotWrite() {
    assertThat(Decimals.append(new StringBuilder("x="), 3.14159, 2)).hasToString("x=3.14");
    assertThatThrownBy(() -> Decimals.fixed(1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Decimals.fixed(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
