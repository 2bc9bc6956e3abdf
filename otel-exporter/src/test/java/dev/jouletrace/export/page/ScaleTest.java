package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleTest {
  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Scale.niceStep(0.23)).isCloseTo(0.5, within(1e-12));
    assertThat(Scale.niceStep(1)).isEqualTo(1);
    assertThat(Scale.niceStep(1.1)).isEqualTo(2);
    assertThat(Scale.niceStep(3)).isEqualTo(5);
    assertThat(Scale.niceStep(7)).isEqualTo(10);
    assertThat(Scale.niceStep(1460)).isEqualTo(2000);
    assertThat(Scale.niceStep(0)).isEqualTo(1);
  }

  @Test
  void rangeIsWidenedToRoundTicksAndMappedToPixels() {
    Scale x = Scale.of(0, 7.3, 0, 100, 5);
    assertThat(x.ticks()).containsExactly(0, 2, 4, 6, 8);
    assertThat(x.at(4)).isEqualTo(50);
    assertThat(x.label(4)).isEqualTo("4");
  }

  @Test
  void yAxisRunsUpward() {
    Scale y = Scale.of(0.4, 1.0, 260, 40, 5);
    assertThat(y.min()).isCloseTo(0.4, within(1e-12));
    assertThat(y.max()).isCloseTo(1.0, within(1e-12));
    assertThat(y.at(0.4)).isEqualTo(260);
    assertThat(y.at(1.0)).isCloseTo(40, within(1e-9));
    // a range of 0.6 in about 5 ticks: steps of 0.2
    assertThat(y.step()).isCloseTo(0.2, within(1e-12));
    assertThat(y.ticks()).hasSize(4);
    assertThat(y.label(y.ticks()[1])).isEqualTo("0.6");
  }

  @Test
  void aSingleValueStillGetsAnAxisAroundIt() {
    Scale s = Scale.of(3, 3, 0, 100, 5);
    assertThat(s.min()).isLessThan(3);
    assertThat(s.max()).isGreaterThan(3);
    Scale zero = Scale.of(0, 0, 0, 100, 5);
    assertThat(zero.ticks()).startsWith(0.0).endsWith(1.0);
  }

  @Test
  void negativeValuesKeepZeroOnATick() {
    Scale s = Scale.of(-0.013, 0.2, 0, 100, 5);
    assertThat(s.ticks()).contains(0.0).startsWith(-0.05).endsWith(0.2);
    assertThat(s.label(-0.05)).isEqualTo("-0.05");
  }
}
