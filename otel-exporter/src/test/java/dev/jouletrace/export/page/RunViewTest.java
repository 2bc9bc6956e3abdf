package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jouletrace.accounting.RunLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunViewTest {
  @TempDir Path dir;

  @Test
  void aFolderReadBackGivesThePageTheFiguresTheLedgerHad() throws Exception {
    RunLedger ledger = SampleRuns.folder(dir.resolve("jvm"), 1.0);
    RunView live = RunView.of(ledger, null, "live");
    List<RunView> read = ReportFolders.read(List.of(dir.resolve("jvm")));
    assertThat(read).hasSize(1);
    RunView disk = read.get(0);
    assertThat(disk.label).isEqualTo("run 1 · djl");

    assertThat(disk.epochs).isEqualTo(live.epochs).isEqualTo(8);
    assertThat(disk.energyJoules).isEqualTo(live.energyJoules).isEqualTo(12_000);
    assertThat(disk.co2Grams).isCloseTo(live.co2Grams, within(1e-9));
    assertThat(disk.bestEpoch).isEqualTo(live.bestEpoch).isEqualTo(4);
    assertThat(disk.bestCriterion).isEqualTo(live.bestCriterion);
    assertThat(disk.energyAfterBestJoules).isEqualTo(live.energyAfterBestJoules).isEqualTo(4_500);
    assertThat(disk.energyAfterBestShare).isCloseTo(0.375, within(1e-12));
    assertThat(disk.intensityGramsPerKwh).isEqualTo(400);
    assertThat(disk.intensitySource).isEqualTo("test source");
    assertThat(disk.pue).isEqualTo(1.5);
    assertThat(disk.carKm).isCloseTo(live.carKm, within(1e-12));
    assertThat(disk.domains)
        .extracting(d -> d.id + "/" + d.method)
        .containsExactly("cpu:package-0/measured", "gpu:0/integrated");
    assertThat(disk.points).hasSameSizeAs(live.points);
    for (int i = 0; i < disk.points.size(); i++) {
      EpochPoint d = disk.points.get(i);
      EpochPoint l = live.points.get(i);
      assertThat(d.cumulativeJoules).isEqualTo(l.cumulativeJoules);
      assertThat(d.cumulativeCo2Grams).isCloseTo(l.cumulativeCo2Grams, within(1e-9));
      assertThat(d.domainJoules).containsExactly(l.domainJoules);
      assertThat(d.validationLoss).isEqualTo(l.validationLoss);
      assertThat(d.validationWindows).containsExactly(l.validationWindows);
      if (Double.isNaN(l.lossImprovementPerKj)) {
        assertThat(d.lossImprovementPerKj).isNaN();
      } else {
        assertThat(d.lossImprovementPerKj).isCloseTo(l.lossImprovementPerKj, within(1e-9));
      }
    }
    // epoch 1: validation loss 1.0 → 0.7 for 1.5 kJ
    assertThat(disk.points.get(1).lossImprovementPerKj).isCloseTo(0.2, within(1e-9));
    assertThat(disk.forecast.plannedEpochs).isEqualTo(8);
    assertThat(disk.forecast.co2Errors).hasSize(live.forecast.co2Errors.size()).hasSize(7);
    // power.csv: 80 one-second intervals of 30 W and 120 W
    assertThat(disk.power.intervals()).hasSize(80);
    assertThat(disk.power.intervals().get(0).watts).containsExactly(30, 120);
  }

  @Test
  void aLongRunReadBackIsChartedInBoundedPointsThatKeepItsEnergy() {
    StringBuilder json =
        new StringBuilder(
            "{\"number\": 1, \"framework\": \"dl4j\", \"status\": \"completed\","
                + " \"start\": \"2026-11-22T10:00:00Z\", \"totals\": {\"epochs\": 3000},"
                + " \"epochs\": [");
    for (int i = 0; i < 3000; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"index\": ")
          .append(i)
          .append(", \"status\": \"completed\", \"start\": \"2026-11-22T10:00:00Z\",")
          .append(" \"end\": \"2026-11-22T10:00:01Z\", \"energy_j\": 2.0, \"co2_g\": 0.1,")
          .append(" \"energy_method\": \"measured\"}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> run = (Map<String, Object>) Json.parse(json.append("]}").toString());
    RunView v = RunView.fromJson(run, null, "long");
    assertThat(v.points).hasSize(1000);
    assertThat(v.points.get(0).epochs).isEqualTo(3);
    assertThat(v.points.get(999).cumulativeJoules).isEqualTo(6000);
    assertThat(v.points.get(999).epochLabel()).isEqualTo("2997–2999");
  }
}
