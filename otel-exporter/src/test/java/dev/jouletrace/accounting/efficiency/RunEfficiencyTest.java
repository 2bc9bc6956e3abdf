package dev.jouletrace.accounting.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jouletrace.accounting.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEfficiencyTest {
  private static final double NONE = Double.NaN;
  private final RunEfficiency run = new RunEfficiency();
  private final List<EpochEfficiency> epochs = new ArrayList<>();

  private void add(int epoch, double joules, long samples, double train, double val, double acc) {
    epochs.add(run.add(epoch, joules, samples, TrainingMetrics.of(train, NONE, val, acc)));
  }

  @Test
  void perEpochRatios() {
    add(0, 2000, 1000, NONE, 1.0, 0.50);
    add(1, 4000, 1000, NONE, 0.6, 0.70);

    EpochEfficiency first = epochs.get(0);
    EpochEfficiency second = epochs.get(1);
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
    add(1, 1000, -1, 2.0, NONE, NONE);
    add(2, 500, -1, 1.5, NONE, NONE);

    assertThat(epochs.get(1).lossImprovementPerKilojoule()).hasValue(1.0);
    assertThat(epochs.get(1).samplesPerJoule()).isEmpty();
    assertThat(run.best().orElseThrow().criterion())
        .isEqualTo(BestEpoch.Criterion.LOWEST_TRAINING_LOSS);
  }

  @Test
  void bestEpochByValidationLossAndTheEnergySpentAfterIt() {
    add(0, 100, -1, 0.9, 0.9, NONE);
    add(1, 100, -1, 0.5, 0.5, NONE);
    add(2, 120, -1, 0.3, 0.55, NONE);
    add(3, 130, -1, 0.2, 0.5, NONE);

    BestEpoch best = run.best().orElseThrow();
    assertThat(best.epoch()).isEqualTo(1); // tie with epoch 3 goes to the earlier one
    assertThat(best.criterion()).isEqualTo(BestEpoch.Criterion.LOWEST_VALIDATION_LOSS);
    assertThat(run.energyAfterBestJoules()).isEqualTo(250.0);
    assertThat(run.energyJoules()).isEqualTo(450.0);
    assertThat(run.shareOfEnergyAfterBest()).isCloseTo(250.0 / 450.0, within(1e-12));
  }

  @Test
  void bestEpochByValidationAccuracyWhenNoValidationLoss() {
    add(0, 10, -1, 0.1, NONE, 80);
    add(1, 10, -1, 0.2, NONE, 90);
    add(2, 10, -1, 0.05, NONE, 85);

    assertThat(run.best().orElseThrow().epoch()).isEqualTo(1);
    assertThat(run.best().orElseThrow().value()).isEqualTo(90.0);
    assertThat(run.energyAfterBestJoules()).isEqualTo(10.0);
  }

  @Test
  void noMetricsNoBestEpoch() {
    add(0, 10, -1, NONE, NONE, NONE);

    assertThat(run.best()).isEmpty();
    assertThat(run.energyAfterBestJoules()).isZero();
  }

  @Test
  void nanLossIsTreatedAsNotReported() {
    add(0, 10, -1, NONE, 0.4, NONE);
    add(1, 10, -1, NONE, NONE, NONE);

    assertThat(run.best().orElseThrow().epoch()).isEqualTo(0);
    assertThat(epochs.get(1).lossImprovementPerKilojoule()).isEmpty();
    assertThat(run.energyAfterBestJoules()).isEqualTo(10.0);
  }

  @Test
  void validationScoresTheFrameworkGivesAtTheEndDecideTheBestEpoch() {
    add(0, 100, -1, 0.9, NONE, NONE);
    add(1, 200, -1, 0.5, NONE, NONE);
    add(2, 300, -1, 0.4, NONE, NONE);
    double[] through = {100, 300, 600};

    run.addFrameworkValidationScores(Map.of(0, 0.7, 1, 0.3, 2, 0.35), i -> through[i]);

    assertThat(run.best().orElseThrow().epoch()).isEqualTo(1);
    assertThat(run.best().orElseThrow().criterion())
        .isEqualTo(BestEpoch.Criterion.LOWEST_VALIDATION_LOSS);
    assertThat(run.energyAfterBestJoules()).isEqualTo(300.0);
  }
}
