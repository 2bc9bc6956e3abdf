package dev.jouletrace.accounting.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastHistoryTest {
  @Test
  void recordsOneForecastPerEpochAndTheirErrorsAtTheEnd() {
    ForecastHistory history = ForecastHistory.start(RunForecaster.defaults(), 4);
    for (double joules : new double[] {200, 100, 100, 100}) {
      history.record(EpochObservation.of(joules, joules / 100, 10));
    }

    // Forecasts after epochs 1, 2, 3; none after the last.
    assertThat(history.forecasts()).extracting(Forecast::afterEpochs).containsExactly(1, 2, 3);
    assertThat(history.totals().energyJoules()).isEqualTo(500.0);

    List<ForecastError> errors = history.errors();
    // After 1: 200·4 = 800 → +60%; after 2: 300 + 2·150 = 600 → +20%;
    // after 3: 400 + 133.33… = 533.33… → +6.67%.
    assertThat(errors.get(0).energyRelativeError()).isCloseTo(0.6, within(1e-12));
    assertThat(errors.get(1).energyRelativeError()).isCloseTo(0.2, within(1e-12));
    assertThat(errors.get(2).energyRelativeError()).isCloseTo(1.0 / 15.0, within(1e-12));
    assertThat(errors.get(0).co2RelativeError()).isCloseTo(0.6, within(1e-12));
    assertThat(errors.get(0).durationRelativeError()).isEqualTo(0.0);
    assertThat(errors.get(0).energyWithinInterval()).isFalse(); // 500 < 800 − 25% of 600 = 650
    assertThat(errors.get(2).energyWithinInterval()).isTrue();
    assertThat(history.latest().orElseThrow().afterEpochs()).isEqualTo(3);
  }

  @Test
  void unknownPlanMakesNoForecasts() {
    ForecastHistory history = ForecastHistory.start(RunForecaster.defaults(), 0);
    history.record(EpochObservation.of(1, 1, 1));

    assertThat(history.forecasts()).isEmpty();
    assertThat(history.errors()).isEmpty();
  }

  @Test
  void aLongRunKeepsTheEarlyForecastsThoseAtPowersOfTwoAndTheLatest() {
    ForecastHistory history = ForecastHistory.start(RunForecaster.defaults(), 100_000);
    for (int i = 0; i < 1000; i++) {
      history.record(EpochObservation.of(1, 1, 1));
    }

    assertThat(history.forecasts())
        .extracting(Forecast::afterEpochs)
        .containsExactly(
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 32, 64, 128, 256, 512, 1000);
    assertThat(history.latest().orElseThrow().afterEpochs()).isEqualTo(1000);
    assertThat(history.totals().energyJoules()).isEqualTo(1000.0);
  }

  @Test
  void relativeErrorAgainstZeroIsNaN() {
    assertThat(ForecastError.relative(5, 0)).isNaN();
  }
}
