package dev.jouletrace.accounting.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationalCarbonTest {
  @Test
  void oneKilowattHourAtOneHundredGramsWithPueOneAndAHalfIs150Grams() {
    CarbonIntensity intensity =
        CarbonIntensity.of(100, "test", 2024, IntensityLevel.EXPLICIT, "user");

    assertThat(OperationalCarbon.grams(3_600_000, intensity, Pue.of(1.5, "test"))).isEqualTo(150.0);
  }
}
