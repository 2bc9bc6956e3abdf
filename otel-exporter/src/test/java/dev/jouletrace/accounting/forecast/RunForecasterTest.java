package dev.jouletrace.accounting.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunForecasterTest {
  private final RunForecaster forecaster = RunForecaster.defaults();

  @Test
  void oneEpochProjectsWithTheRelativeBand() {
    Forecast forecast =
        forecaster.forecast(List.of(EpochObservation.of(1000, 10, 60)), 10).orElseThrow();

    // 1000 J done, 9 more like it: 10,000 J; band ±25% of the 9,000 J still to come.
    assertThat(forecast.energyJoules().point()).isEqualTo(10_000.0);
    assertThat(forecast.energyJoules().low()).isEqualTo(7_750.0);
    assertThat(forecast.energyJoules().high()).isEqualTo(12_250.0);
    assertThat(forecast.co2Grams().point()).isEqualTo(100.0);
    assertThat(forecast.durationSeconds().point()).isEqualTo(600.0);
    assertThat(forecast.afterEpochs()).isEqualTo(1);
    assertThat(forecast.method()).contains("±25%");
  }

  @Test
  void severalEpochsUseTheStudentTPredictionInterval() {
    List<EpochObservation> epochs =
        List.of(
            EpochObservation.of(10, 1, 5),
            EpochObservation.of(12, 1, 5),
            EpochObservation.of(14, 1, 5));

    Forecast forecast = forecaster.forecast(epochs, 5).orElseThrow();

    // S = 36, m = 12, s = 2, r = 2: point 60, half-width t(0.975, 2)·2·√(2 + 4/3).
    double halfWidth = 4.3027 * 2 * Math.sqrt(2 + 4.0 / 3.0);
    assertThat(forecast.energyJoules().point()).isEqualTo(60.0);
    assertThat(forecast.energyJoules().high()).isCloseTo(60 + halfWidth, within(1e-12));
    assertThat(forecast.energyJoules().high()).isCloseTo(75.711238987849853, within(1e-9));
    assertThat(forecast.energyJoules().low()).isCloseTo(60 - halfWidth, within(1e-12));
    // No spread in CO2 or duration: a zero-width interval.
    assertThat(forecast.co2Grams().low()).isEqualTo(5.0);
    assertThat(forecast.co2Grams().high()).isEqualTo(5.0);
    assertThat(forecast.durationSeconds().point()).isEqualTo(25.0);
  }

  @Test
  void lowBoundNeverFallsBelowWhatWasAlreadySpent() {
    List<EpochObservation> epochs =
        List.of(EpochObservation.of(1, 0, 1), EpochObservation.of(100, 0, 1));

    Forecast forecast = forecaster.forecast(epochs, 3).orElseThrow();

    assertThat(forecast.energyJoules().low()).isEqualTo(101.0);
  }

  @Test
  void noForecastWithoutAPlanBeforeMinEpochsOrAtTheEnd() {
    List<EpochObservation> one = List.of(EpochObservation.of(1, 1, 1));

    assertThat(forecaster.forecast(one, 0)).isEmpty();
    assertThat(forecaster.forecast(one, 1)).isEmpty();
    assertThat(new RunForecaster(2, 0.25).forecast(one, 10)).isEmpty();
  }

  @Test
  void studentTTable() {
    assertThat(StudentT.quantile975(1)).isEqualTo(12.7062);
    assertThat(StudentT.quantile975(30)).isEqualTo(2.0423);
    assertThat(StudentT.quantile975(35)).isEqualTo(2.0423);
    assertThat(StudentT.quantile975(1000)).isEqualTo(1.9799);
  }
}
