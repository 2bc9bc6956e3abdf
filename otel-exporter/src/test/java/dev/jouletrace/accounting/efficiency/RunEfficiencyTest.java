package dev.jouletrace.accounting.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunEfficiencyTest {
  @Test
  void perEpochRatios() {
    RunEfficiency run =
        RunEfficiency.analyse(
            List.of(
                EpochMetrics.of(0, 2000)
                    .withSamples(1000)
                    .withValidationLoss(1.0)
                    .withValidationAccuracy(0.50),
                EpochMetrics.of(1, 4000)
                    .withSamples(1000)
                    .withValidationLoss(0.6)
                    .withValidationAccuracy(0.70)));

    EpochEfficiency first = run.epochs().get(0);
    EpochEfficiency second = run.epochs().get(1);
    assertThat(first.samplesPerJoule()).hasValue(0.5);
    assertThat(first.joulesPerSample()).hasValue(2.0);
    assertThat(first.lossImprovementPerKilojoule()).isEmpty();
    assertThat(second.samplesPerJoule()).hasValue(0.25);
    assertThat(second.joulesPerSample()).hasValue(4.0);
    assertThat(second.lossImprovementPerKilojoule().getAsDouble()).isCloseTo(0.1, within(1e-12));
    assertThat(second.accuracyGainPerKilojoule().getAsDouble()).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void trainingLossIsUsedWhenThereIsNoValidationLoss() {
    RunEfficiency run =
        RunEfficiency.analyse(
            List.of(
                EpochMetrics.of(1, 1000).withTrainingLoss(2.0),
                EpochMetrics.of(2, 500).withTrainingLoss(1.5)));

    assertThat(run.epochs().get(1).lossImprovementPerKilojoule()).hasValue(1.0);
    assertThat(run.epochs().get(1).samplesPerJoule()).isEmpty();
    assertThat(run.best().orElseThrow().criterion())
        .isEqualTo(BestEpoch.Criterion.LOWEST_TRAINING_LOSS);
  }

  @Test
  void bestEpochByValidationLossAndTheEnergySpentAfterIt() {
    RunEfficiency run =
        RunEfficiency.analyse(
            List.of(
                EpochMetrics.of(0, 100).withValidationLoss(0.9).withTrainingLoss(0.9),
                EpochMetrics.of(1, 100).withValidationLoss(0.5).withTrainingLoss(0.5),
                EpochMetrics.of(2, 120).withValidationLoss(0.55).withTrainingLoss(0.3),
                EpochMetrics.of(3, 130).withValidationLoss(0.5).withTrainingLoss(0.2)));

    BestEpoch best = run.best().orElseThrow();
    assertThat(best.epoch()).isEqualTo(1); // tie with epoch 3 goes to the earlier one
    assertThat(best.criterion()).isEqualTo(BestEpoch.Criterion.LOWEST_VALIDATION_LOSS);
    assertThat(run.energyAfterBestJoules()).isEqualTo(250.0);
    assertThat(run.energyJoules()).isEqualTo(450.0);
    assertThat(run.shareOfEnergyAfterBest()).isCloseTo(250.0 / 450.0, within(1e-12));
  }

  @Test
  void bestEpochByValidationAccuracyWhenNoValidationLoss() {
    RunEfficiency run =
        RunEfficiency.analyse(
            List.of(
                EpochMetrics.of(0, 10).withValidationAccuracy(80).withTrainingLoss(0.1),
                EpochMetrics.of(1, 10).withValidationAccuracy(90).withTrainingLoss(0.2),
                EpochMetrics.of(2, 10).withValidationAccuracy(85).withTrainingLoss(0.05)));

    assertThat(run.best().orElseThrow().epoch()).isEqualTo(1);
    assertThat(run.best().orElseThrow().value()).isEqualTo(90.0);
    assertThat(run.energyAfterBestJoules()).isEqualTo(10.0);
  }

  @Test
  void noMetricsNoBestEpoch() {
    RunEfficiency run = RunEfficiency.analyse(List.of(EpochMetrics.of(0, 10)));

    assertThat(run.best()).isEmpty();
    assertThat(run.energyAfterBestJoules()).isZero();
  }

  @Test
  void nanLossIsTreatedAsNotReported() {
    RunEfficiency run =
        RunEfficiency.analyse(
            List.of(
                EpochMetrics.of(0, 10).withValidationLoss(0.4),
                EpochMetrics.of(1, 10).withValidationLoss(Double.NaN)));

    assertThat(run.best().orElseThrow().epoch()).isEqualTo(0);
    assertThat(run.epochs().get(1).lossImprovementPerKilojoule()).isEmpty();
  }
}
