package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochPointTest {
  private static EpochPoint epoch(int i, double joules, double lossPerKj, String method) {
    EpochPoint p = new EpochPoint();
    p.firstIndex = i;
    p.lastIndex = i;
    p.epochs = 1;
    p.energyJoules = joules;
    p.durationSeconds = 10;
    p.domainJoules = new double[] {joules};
    p.method = method;
    p.lossImprovementPerKj = lossPerKj;
    p.validationLoss = 1.0 / (i + 1);
    return p;
  }

  @Test
  void mergedPointsSumEnergyKeepTheLastLossAndWeighThePerKilojouleFiguresByEnergy() {
    List<EpochPoint> points = new ArrayList<>();
    points.add(epoch(0, 1000, Double.NaN, "measured"));
    points.add(epoch(1, 1000, 0.4, "integrated"));
    points.add(epoch(2, 3000, 0.2, "measured"));
    List<EpochPoint> merged = EpochPoint.downsample(points, 1);
    assertThat(merged).hasSize(1);
    EpochPoint m = merged.get(0);
    assertThat(m.epochLabel()).isEqualTo("0–2");
    assertThat(m.epochs).isEqualTo(3);
    assertThat(m.energyJoules).isEqualTo(5000);
    assertThat(m.domainJoules).containsExactly(5000);
    assertThat(m.energyPerEpochJoules()).isCloseTo(5000 / 3.0, within(1e-9));
    assertThat(m.meanPowerWatts()).isCloseTo(5000 / 30.0, within(1e-9));
    assertThat(m.method).isEqualTo("integrated");
    assertThat(m.validationLoss).isCloseTo(1 / 3.0, within(1e-12));
    // 0.4 loss per kJ over 1 kJ and 0.2 over 3 kJ: 1.0 loss over 4 kJ
    assertThat(m.lossImprovementPerKj).isCloseTo(0.25, within(1e-12));
    assertThat(m.accuracyGainPerKj).isNaN();
  }

  @Test
  void shortRunsAreNotMerged() {
    List<EpochPoint> points = List.of(epoch(0, 1, 0, "measured"), epoch(1, 1, 0, "measured"));
    assertThat(EpochPoint.downsample(points, 4)).isSameAs(points);
    assertThat(EpochPoint.downsample(new ArrayList<>(points), 1)).hasSize(1);
  }
}
