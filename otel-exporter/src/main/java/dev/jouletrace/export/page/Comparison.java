package dev.jouletrace.export.page;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs side by side: their learning curves against cumulative energy on one chart, and a table
 * of how much energy each needed to reach its best epoch.
 */
final class Comparison {
  private Comparison() {}

  static void render(StringBuilder h, List<RunView> runs) {
    List<LearningMetric> metrics = new ArrayList<>();
    for (RunView r : runs) {
      metrics.add(LearningMetric.of(r));
    }
    h.append("<section class=\"compare\"><h2>The runs compared</h2><div class=\"figs\">");
    h.append("<figure><h3>Which run learned more per joule?</h3>")
        .append(Charts.comparison(runs, metrics))
        .append("<figcaption><ul class=\"legend\">");
    for (int i = 0; i < runs.size(); i++) {
      h.append(
          RunSection.item(
              "<line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\""
                  + Palette.run(i)
                  + "\" stroke-width=\"2.5\" stroke-dasharray=\""
                  + Palette.dash(i)
                  + "\"/>",
              runs.get(i).label
                  + (runs.get(i).zone.isEmpty() ? "" : " (" + runs.get(i).zone + ")")));
    }
    h.append(RunSection.item("<circle cx=\"12\" cy=\"6\" r=\"5\" class=\"best\"/>", "best epoch"))
        .append("</ul><p>A curve that falls (or, for accuracy, rises) further to the left learned")
        .append(" more for less energy.</p></figcaption></figure></div>");
    h.append("<div class=\"tablewrap\"><table><tr><th>run</th><th>place</th><th>metric</th>")
        .append("<th>best</th><th>best epoch</th><th>reached after</th><th>run energy</th>")
        .append(
            "<th>after the best</th><th>improvement per kJ up to the best</th><th>CO2e</th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      RunView r = runs.get(i);
      LearningMetric m = metrics.get(i);
      int best = ChartMath.bestPoint(r);
      double bestValue = best >= 0 && m != null ? m.of(r.points.get(best)) : Double.NaN;
      h.append("<tr><td>")
          .append(Html.escape(r.label))
          .append("</td><td>")
          .append(Html.escape(r.zone))
          .append("</td><td>")
          .append(m == null ? "–" : m.label())
          .append("</td><td>")
          .append(ChartMath.number(bestValue))
          .append("</td><td>")
          .append(r.bestEpoch >= 0 ? Integer.toString(r.bestEpoch) : "–")
          .append("</td><td>")
          .append(r.bestEpoch >= 0 ? ChartMath.energy(ChartMath.energyThroughBestJoules(r)) : "–")
          .append("</td><td>")
          .append(ChartMath.energy(r.energyJoules))
          .append("</td><td>")
          .append(r.bestEpoch >= 0 ? ChartMath.percent(r.energyAfterBestShare) : "–")
          .append("</td><td>")
          .append(ChartMath.number(ChartMath.progressPerKilojoule(r, m)))
          .append("</td><td>")
          .append(Html.escape(ChartMath.grams(r.co2Grams)))
          .append("</td></tr>\n");
    }
    h.append("</table></div>");
    int most = mostProgressPerKilojoule(runs, metrics);
    if (most >= 0) {
      h.append("<p class=\"verdict\"><b>")
          .append(Html.escape(runs.get(most).label))
          .append("</b> learned the most per kJ up to its best epoch (")
          .append(metrics.get(most).label())
          .append(").</p>");
    }
    h.append("</section>\n");
  }

  /**
   * The run with the most progress per kJ up to its best epoch among the runs charting the first
   * run's metric; -1 when fewer than two such runs have one.
   */
  static int mostProgressPerKilojoule(List<RunView> runs, List<LearningMetric> metrics) {
    int most = -1;
    int compared = 0;
    double value = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < runs.size(); i++) {
      if (metrics.get(i) == null || metrics.get(i) != metrics.get(0)) {
        continue;
      }
      double p = ChartMath.progressPerKilojoule(runs.get(i), metrics.get(i));
      if (!Double.isNaN(p)) {
        compared++;
        if (p > value) {
          value = p;
          most = i;
        }
      }
    }
    return compared >= 2 ? most : -1;
  }
}
