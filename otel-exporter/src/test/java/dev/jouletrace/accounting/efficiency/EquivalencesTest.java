package dev.jouletrace.accounting.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EquivalencesTest {
  @Test
  void carKilometresAtEea2020Average() {
    assertThat(Equivalences.carKilometres(1075)).isCloseTo(10.0, within(1e-12));
  }

  @Test
  void smartphoneChargesPerTonne() {
    assertThat(Equivalences.smartphoneCharges(1_000_000)).isEqualTo(121_643.0);
    assertThat(Equivalences.smartphoneCharges(1000)).isCloseTo(121.643, within(1e-9));
  }
}
