package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartMathTest {
  private static EpochPoint point(int index, double cumulativeJoules, double cumulativeCo2) {
    EpochPoint p = new EpochPoint();
    p.firstIndex = index;
    p.lastIndex = index;
    p.epochs = 1;
    p.cumulativeJoules = cumulativeJoules;
    p.cumulativeCo2Grams = cumulativeCo2;
    p.domainJoules = new double[0];
    p.method = "measured";
    return p;
  }

  @Test
  void co2TicksGoWhereTheRunReachedThatCo2() {
    // 1 kJ gave 1 g, the next 1 kJ gave 3 g (a dirtier hour)
    List<EpochPoint> points = List.of(point(0, 1000, 1), point(1, 2000, 4));
    assertThat(ChartMath.energyAtCo2(points, 0)).isEqualTo(0);
    assertThat(ChartMath.energyAtCo2(points, 0.5)).isEqualTo(500);
    assertThat(ChartMath.energyAtCo2(points, 1)).isEqualTo(1000);
    assertThat(ChartMath.energyAtCo2(points, 2.5)).isEqualTo(1500);
    // past the end: the run's average ratio, 500 J per g
    assertThat(ChartMath.energyAtCo2(points, 5)).isEqualTo(2500);
  }

  @Test
  void energyThroughTheBestEpochIsTheEpochsEnergyLessTheAccountingsAfterBest() {
    RunView run = new RunView();
    run.epochsEnergyJoules = 12_000;
    run.energyAfterBestJoules = 4_500;
    assertThat(ChartMath.energyThroughBestJoules(run)).isEqualTo(7_500);
  }

  @Test
  void bestPointIsThePointHoldingTheBestEpoch() {
    RunView run = new RunView();
    EpochPoint a = point(0, 1, 1);
    EpochPoint b = point(2, 2, 2);
    b.firstIndex = 2;
    b.lastIndex = 3;
    run.points = List.of(a, b);
    run.bestEpoch = 3;
    assertThat(ChartMath.bestPoint(run)).isEqualTo(1);
    run.bestEpoch = -1;
    assertThat(ChartMath.bestPoint(run)).isEqualTo(-1);
  }

  @Test
  void progressPerKilojouleIsFirstToBestOverTheEnergyToTheBest() {
    RunView run = new RunView();
    EpochPoint a = point(0, 1000, 1);
    a.validationLoss = 1.0;
    EpochPoint b = point(1, 2000, 2);
    b.validationLoss = 0.4;
    EpochPoint c = point(2, 3000, 3);
    c.validationLoss = 0.5;
    run.points = List.of(a, b, c);
    run.bestEpoch = 1;
    run.bestCriterion = "lowest_validation_loss";
    run.epochsEnergyJoules = 3000;
    run.energyAfterBestJoules = 1000;
    assertThat(ChartMath.progressPerKilojoule(run, LearningMetric.of(run)))
        .isCloseTo(0.3, within(1e-12));
  }

  @Test
  void marksAreThinnedToAtMostTheMaximum() {
    assertThat(ChartMath.stride(8, 40)).isEqualTo(1);
    assertThat(ChartMath.stride(41, 40)).isEqualTo(2);
    assertThat(ChartMath.stride(1024, 40)).isEqualTo(26);
    assertThat(1024 / ChartMath.stride(1024, 40)).isLessThanOrEqualTo(40);
  }

  @Test
  void energiesAreShownInTheUnitTheirSizeCallsFor() {
    assertThat(ChartMath.energy(456)).isEqualTo("456 J");
    assertThat(ChartMath.energy(4500)).isEqualTo("4.50 kJ");
    assertThat(ChartMath.energy(15_000)).isEqualTo("15.0 kJ");
    assertThat(ChartMath.energy(2.5e6)).isEqualTo("2.50 MJ");
    assertThat(ChartMath.grams(0.0123)).isEqualTo("0.0123 g");
    assertThat(ChartMath.grams(1234)).isEqualTo("1.23 kg");
    assertThat(ChartMath.percent(0.375)).isEqualTo("38 %");
    assertThat(ChartMath.duration(80)).isEqualTo("1 min 20 s");
    assertThat(ChartMath.duration(3725)).isEqualTo("1 h 02 min");
    assertThat(ChartMath.number(Double.NaN)).isEqualTo("–");
  }

  @Test
  void learningMetricFollowsTheBestEpochCriterion() {
    RunView run = new RunView();
    EpochPoint a = point(0, 1, 1);
    a.trainLoss = 0.9;
    a.validationAccuracy = 0.8;
    run.points = List.of(a);
    run.bestCriterion = "highest_validation_accuracy";
    assertThat(LearningMetric.of(run)).isEqualTo(LearningMetric.VALIDATION_ACCURACY);
    assertThat(LearningMetric.VALIDATION_ACCURACY.progress(0.5, 0.8)).isCloseTo(0.3, within(1e-12));
    run.bestCriterion = "";
    // no criterion (an old report): the first figure the points report, in the criteria's order
    assertThat(LearningMetric.of(run)).isEqualTo(LearningMetric.VALIDATION_ACCURACY);
    a.validationAccuracy = Double.NaN;
    assertThat(LearningMetric.of(run)).isEqualTo(LearningMetric.TRAINING_LOSS);
  }
}
