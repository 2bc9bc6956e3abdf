package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.RunLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
  @TempDir Path dir;

  /** The SVG of the chart named {@code chart} (its data-chart attribute). */
  static String chart(String html, String chart) {
    Matcher m =
        Pattern.compile(
                "<svg class=\"chart\" data-chart=\"" + chart + "\".*?</svg>", Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("chart " + chart).isTrue();
    return m.group();
  }

  static int count(String svg, String element) {
    return svg.split(Pattern.quote(element), -1).length - 1;
  }

  @Test
  void everyChartOfARunIsDrawnWithItsShapes() throws IOException {
    PowerSeries power = SampleRuns.power();
    RunLedger run = SampleRuns.run(1, 1.0, power);
    String html = ReportPage.render(List.of(run), power.trace());
    Files.writeString(Path.of("target", "page-sample.html"), html);

    String learning = chart(html, "learning");
    assertThat(count(learning, "<polyline class=\"curve\"")).isEqualTo(1);
    assertThat(count(learning, "<circle class=\"dot\"")).isEqualTo(8);
    assertThat(count(learning, "<circle class=\"best\"")).isEqualTo(1);
    assertThat(count(learning, "<rect class=\"after-best\"")).isEqualTo(1);
    // 3 epochs of 1.5 kJ after the best (epoch 4) of 8: 4.50 kJ, 38 %
    assertThat(learning).contains("4.50 kJ (38 %) after the best epoch").contains("best: epoch 4");
    assertThat(learning).contains("cumulative CO2e (g)");

    String powerChart = chart(html, "power");
    assertThat(count(powerChart, "<polyline class=\"power\"")).isEqualTo(2);
    assertThat(count(powerChart, "<rect class=\"validation\"")).isEqualTo(8);
    assertThat(count(powerChart, "<line class=\"epoch-mark\"")).isEqualTo(8);
    // 80 one-second readings: each domain's step line has 2 points per interval
    assertThat(powerChart).contains("power charged to this JVM (W)");

    String energy = chart(html, "energy");
    assertThat(count(energy, "<rect class=\"bar\"")).isEqualTo(16);
    assertThat(energy).contains("<pattern id=\"r0-d0\"").contains("<pattern id=\"r0-d1\"");
    assertThat(energy).contains("patternTransform=\"rotate(45)\""); // the integrated GPU

    String efficiency = chart(html, "efficiency");
    // epochs 1–4 improved, 5–7 got worse; epoch 0 has no previous one
    assertThat(count(efficiency, "<rect class=\"gain\"")).isEqualTo(4);
    assertThat(count(efficiency, "<rect class=\"loss\"")).isEqualTo(3);

    String co2 = chart(html, "co2");
    assertThat(count(co2, "<polyline class=\"actual\"")).isEqualTo(1);
    assertThat(count(co2, "<circle class=\"forecast\"")).isEqualTo(1);
    assertThat(count(co2, "<line class=\"interval\"")).isEqualTo(3);
    // one forecast after each of epochs 1–7 (none after the last: nothing is left to forecast)
    assertThat(count(co2, "<path class=\"kept-forecast\"")).isEqualTo(7);

    assertThat(html).doesNotContain("<script").doesNotContain("http:").doesNotContain("https:");
    assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(html).doesNotContain("Show run:");
  }

  @Test
  void severalRunsGetASelectorAndAComparison() throws IOException {
    RunLedger a = SampleRuns.run(1, 1.0, null);
    RunLedger b = SampleRuns.run(2, 2.0, null);
    String html = ReportPage.render(List.of(a, b), null);
    Files.writeString(Path.of("target", "page-sample-two.html"), html);
    assertThat(html)
        .contains("Show run:")
        .contains("id=\"pick-0\" checked")
        .contains("id=\"pick-1\"");
    String comparison = chart(html, "comparison");
    assertThat(count(comparison, "<polyline class=\"curve\"")).isEqualTo(2);
    assertThat(count(comparison, "<circle class=\"best\"")).isEqualTo(2);
    // reached the best (epoch 4) after 5 epochs of 1.5 kJ, and of 3 kJ
    assertThat(html).contains("<td>7.50 kJ</td>").contains("<td>15.0 kJ</td>");
    assertThat(count(html, "data-chart=\"learning\"")).isEqualTo(2);
    // the same progress for half the energy: run 1 learned more per kJ
    assertThat(html).contains("<b>run 1 · djl</b> learned the most per kJ");
    assertThat(chart(html, "power")).contains("No power readings");
  }

  @Test
  void aLongRunIsChartedInBoundedBarsAndRowsSoThePageStaysSmall() {
    RunView run = new RunView();
    run.label = "long";
    run.status = "completed";
    run.energyMethod = "measured";
    run.domains.add(new RunView.Domain("cpu:package-0", "cpu", "measured"));
    for (int i = 0; i < 1024; i++) {
      EpochPoint p = new EpochPoint();
      p.firstIndex = i;
      p.lastIndex = i;
      p.epochs = 1;
      p.energyJoules = 10;
      p.domainJoules = new double[] {10};
      p.method = "measured";
      p.cumulativeJoules = 10.0 * (i + 1);
      p.cumulativeCo2Grams = 0.001 * (i + 1);
      p.trainLoss = 1.0 / (i + 1);
      p.lossImprovementPerKj = 0.1;
      run.points.add(p);
    }
    run.epochs = 1024;
    run.epochsEnergyJoules = 10_240;
    run.bestEpoch = 1023;
    run.bestCriterion = "lowest_training_loss";
    String html = ReportPage.render(List.of(run), "");
    // 1024 epochs: bars of 9 epochs (114 of them), table rows of 4 (256)
    assertThat(count(chart(html, "energy"), "<rect class=\"bar\"")).isEqualTo(114);
    assertThat(count(chart(html, "efficiency"), "<rect class=\"gain\"")).isEqualTo(114);
    assertThat(chart(html, "energy")).contains("bars are groups of 9 epochs");
    assertThat(count(html, "<tr><td>")).isEqualTo(256);
    // dots at every 18th point: 57, at most 60
    assertThat(count(chart(html, "learning"), "<circle class=\"dot\"")).isEqualTo(57);
    assertThat(html.length()).isLessThan(300_000);
  }
}
