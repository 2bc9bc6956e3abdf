package dev.jouletrace.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.carbon.IntensityLevel;
import dev.jouletrace.accounting.carbon.Pue;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochSeriesTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final List<EnergyDomain> DOMAINS =
      List.of(EnergyDomain.of("cpu:0", DomainKind.CPU, "cpu", EnergyMethod.MEASURED, "r"));
  private final RunLedger run =
      new RunLedger(new RunStart(1, "dl4j", T0, -1, true, false), RunForecaster.defaults());

  /** Epoch {@code i} drew {@code joules}, lasted 1 s; carbon 1 g operational per joule. */
  private EpochAccount epoch(int i, double joules) {
    EpochRecord e =
        EpochRecord.builder()
            .run(1, "dl4j")
            .index(i)
            .window(T0.plusSeconds(i), T0.plusSeconds(i + 1))
            .energy(EnergyWindow.of(DOMAINS, new double[] {joules}, new double[] {joules}))
            .metrics(TrainingMetrics.of(10 - i, Double.NaN, Double.NaN, Double.NaN))
            .build();
    EpochCarbon c =
        EpochCarbon.of(
            joules,
            CarbonIntensity.of(3.6e6, "s", 2024, IntensityLevel.WORLD, "world"),
            Pue.of(1.0, "p"),
            0);
    return run.add(e, c);
  }

  @Test
  void aShortRunKeepsEveryEpochAsItsOwnPoint() {
    for (int i = 0; i < 10; i++) {
      epoch(i, i + 1);
    }
    List<EpochSeries.Point> points = run.series().points();
    assertThat(points).hasSize(10);
    assertThat(points)
        .extracting(EpochSeries.Point::firstIndex)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(points.get(9).cumulativeJoules()).isEqualTo(55.0);
    assertThat(points.get(3).trainLoss()).isEqualTo(7.0);
    assertThat(run.series().epochsPerPoint()).isEqualTo(1);
  }

  @Test
  void aLongRunMergesNeighboursPairwiseAndKeepsEveryJoule() {
    EpochSeries series = new EpochSeries(4);
    double cumulative = 0;
    for (int i = 0; i < 10; i++) {
      EpochAccount a = epoch(i, i + 1);
      cumulative += i + 1;
      series.add(a, cumulative, cumulative);
    }
    List<EpochSeries.Point> points = series.points();
    // 4 points of 1, then 4 of 2 (8 epochs), then 3 of 4 epochs: 0-3, 4-7, 8-9
    assertThat(series.epochsPerPoint()).isEqualTo(4);
    assertThat(points).extracting(EpochSeries.Point::firstIndex).containsExactly(0, 4, 8);
    assertThat(points).extracting(EpochSeries.Point::lastIndex).containsExactly(3, 7, 9);
    assertThat(points).extracting(EpochSeries.Point::epochs).containsExactly(4, 4, 2);
    assertThat(points)
        .extracting(EpochSeries.Point::energyJoules)
        .containsExactly(10.0, 26.0, 19.0);
    assertThat(points.get(1).cumulativeJoules()).isEqualTo(36.0);
    assertThat(points.get(1).energyPerEpochJoules()).isEqualTo(6.5);
    assertThat(points.get(2).durationSeconds()).isEqualTo(2.0);
    // the last loss of each range
    assertThat(points).extracting(EpochSeries.Point::trainLoss).containsExactly(7.0, 3.0, 1.0);
    // operational 1 g per joule: CO2 follows the energy
    assertThat(points.get(2).co2OperationalGrams()).isEqualTo(19.0);
  }

  @Test
  void energyThroughAnEpochIsExactAtRangeEndsAndSpreadEvenlyInside() {
    EpochSeries series = new EpochSeries(2);
    double cumulative = 0;
    for (int i = 0; i < 4; i++) {
      cumulative += 10 * (i + 1);
      series.add(epoch(i, 10 * (i + 1)), cumulative, cumulative);
    }
    // points: epochs 0-1 (30 J), epochs 2-3 (70 J)
    assertThat(series.energyThrough(1)).isEqualTo(30.0);
    assertThat(series.energyThrough(3)).isEqualTo(100.0);
    assertThat(series.energyThrough(2)).isEqualTo(30.0 + 35.0);
    assertThat(series.energyThrough(0)).isEqualTo(15.0);
  }

  @Test
  void compactingAFinishedRunKeepsItsTotals() {
    for (int i = 0; i < 100; i++) {
      epoch(i, 1);
    }
    run.series().compact(16);
    List<EpochSeries.Point> points = run.series().points();
    assertThat(points.size()).isLessThanOrEqualTo(16);
    assertThat(points.stream().mapToInt(EpochSeries.Point::epochs).sum()).isEqualTo(100);
    assertThat(points.get(points.size() - 1).cumulativeJoules()).isEqualTo(100.0);
  }

  @Test
  void pointsCarryTheAccountingsLossImprovementPerKilojouleWeightedByEnergyWhenMerged() {
    // training loss 10 - i: each epoch improves it by 1; epoch 1 drew 500 J, epoch 2 1500 J
    epoch(0, 1000);
    epoch(1, 500);
    epoch(2, 1500);
    epoch(3, 500);
    EpochSeries s = run.series();
    assertThat(s.domains()).isEqualTo(DOMAINS);
    assertThat(s.points().get(0).lossImprovementPerKilojoule()).isNaN();
    assertThat(s.points().get(1).lossImprovementPerKilojoule()).isEqualTo(2.0);
    assertThat(s.points().get(2).lossImprovementPerKilojoule()).isCloseTo(1 / 1.5, within(1e-12));
    assertThat(s.points().get(2).accuracyGainPerKilojoule()).isNaN();
    s.compact(2);
    // merged: epochs 2 and 3, 2 loss units over 2 kJ; epochs 0 and 1, 1 over the 0.5 kJ of 1
    assertThat(s.points().get(1).lossImprovementPerKilojoule()).isCloseTo(1.0, within(1e-12));
    assertThat(s.points().get(0).lossImprovementPerKilojoule()).isEqualTo(2.0);
  }

  @Test
  void validationPassesAreKeptWhileAPointIsOneEpoch() {
    EnergyWindow none = EnergyWindow.of(DOMAINS, new double[] {0}, new double[] {0});
    for (int i = 0; i < 3; i++) {
      EpochRecord e =
          EpochRecord.builder()
              .run(1, "dl4j")
              .index(i)
              .window(T0.plusSeconds(i), T0.plusSeconds(i + 1))
              .energy(none)
              .validations(
                  List.of(
                      SubWindow.validation(
                          T0.plusSeconds(i).plusMillis(600),
                          T0.plusSeconds(i + 1),
                          3,
                          WindowStatus.COMPLETED,
                          none)))
              .build();
      run.add(
          e,
          EpochCarbon.of(
              0, CarbonIntensity.of(1, "s", 2024, IntensityLevel.WORLD, "w"), Pue.of(1, "p"), 0));
    }
    assertThat(run.series().points().get(1).validationWindows())
        .containsExactly(T0.plusSeconds(1).plusMillis(600), T0.plusSeconds(2));
    run.series().compact(2);
    assertThat(run.series().points().get(0).validationWindows()).isEmpty();
    assertThat(run.series().points().get(1).validationWindows()).hasSize(2);
  }
}
