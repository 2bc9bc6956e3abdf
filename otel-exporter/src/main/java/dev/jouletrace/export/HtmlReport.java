package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochSeries;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (inline SVG, no scripts, nothing fetched) with, per
 * run, energy per epoch coloured by how it was obtained, mean power, cumulative CO2 against the
 * forecast, and the epoch table.
 */
final class HtmlReport {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 200;
  private static final int PAD = 40;

  private HtmlReport() {}

  static String render(Collection<RunLedger> runs) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Jouletrace report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;font-size:0.9em}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:1em}")
        .append("svg{background:#fafafa;border:1px solid #ddd}")
        .append(".measured{fill:#2a7d3f}.integrated{fill:#d08a12}.estimated{fill:#9a9a9a}")
        .append("</style></head><body><h1>Jouletrace report</h1>\n");
    if (runs.isEmpty()) {
      h.append("<p>No training run was seen yet.</p>");
    }
    for (RunLedger run : runs) {
      renderRun(h, run);
    }
    return h.append("</body></html>\n").toString();
  }

  private static void renderRun(StringBuilder h, RunLedger run) {
    h.append("<h2>")
        .append(escape(run.framework()))
        .append(" run ")
        .append(run.number())
        .append(" &middot; ")
        .append(escape(run.status().label()))
        .append("</h2>\n<p>")
        .append(run.epochs())
        .append(" epochs, ")
        .append(ConsoleReporter.energy(run.energyJoules()))
        .append(" (")
        .append(escape(run.energyMethod().label()))
        .append("), ")
        .append(ConsoleReporter.grams(run.co2OperationalGrams()))
        .append(" CO2e operational + ")
        .append(ConsoleReporter.grams(run.co2EmbodiedGrams()))
        .append(" embodied");
    RunEfficiency efficiency = run.efficiency();
    efficiency
        .best()
        .ifPresent(
            best ->
                h.append("; best epoch ")
                    .append(best.epoch())
                    .append(", epochs after it used ")
                    .append(ConsoleReporter.energy(efficiency.energyAfterBestJoules())));
    h.append("</p>\n");
    List<EpochSeries.Point> points = run.series().points();
    int per = run.series().epochsPerPoint();
    String unit = per == 1 ? "epoch" : "epoch (mean over groups of up to " + per + " epochs)";
    h.append("<div class=\"charts\">");
    h.append(
        bars(
            "Energy per " + unit + " (J): green measured, orange integrated, grey estimated",
            points));
    h.append(line("Mean power per " + unit + " (W)", values(points, false), null));
    h.append(
        line(
            "Cumulative CO2e (g), with the latest forecast",
            values(points, true),
            run.forecasts().latest().orElse(null)));
    h.append("</div>\n");
    table(h, run, points);
  }

  private static double[] values(List<EpochSeries.Point> points, boolean cumulativeCo2) {
    double[] v = new double[points.size()];
    for (int i = 0; i < v.length; i++) {
      EpochSeries.Point p = points.get(i);
      v[i] = cumulativeCo2 ? p.cumulativeCo2Grams() : p.meanPowerWatts();
    }
    return v;
  }

  private static String bars(String title, List<EpochSeries.Point> points) {
    double max = 0;
    for (EpochSeries.Point p : points) {
      max = Math.max(max, p.energyPerEpochJoules());
    }
    StringBuilder s = frame(title, max);
    double slot = (WIDTH - 2.0 * PAD) / Math.max(1, points.size());
    for (int i = 0; i < points.size(); i++) {
      EpochSeries.Point p = points.get(i);
      double value = p.energyPerEpochJoules();
      double hgt = max > 0 ? value / max * (HEIGHT - 2.0 * PAD) : 0;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>%s: %.4g J, %s</title></rect>",
              escape(p.method().label()),
              PAD + i * slot + slot * 0.1,
              HEIGHT - PAD - hgt,
              slot * 0.8,
              hgt,
              epochs(p),
              value,
              escape(p.method().label())));
    }
    return s.append("</svg>").toString();
  }

  private static String epochs(EpochSeries.Point p) {
    return p.firstIndex() == p.lastIndex()
        ? "epoch " + p.firstIndex()
        : "epochs " + p.firstIndex() + "–" + p.lastIndex();
  }

  private static String line(String title, double[] values, Forecast forecast) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    int points = values.length;
    if (forecast != null) {
      max = Math.max(max, forecast.co2Grams().high());
    }
    StringBuilder s = frame(title, max);
    double step = (WIDTH - 2.0 * PAD) / Math.max(1, points + (forecast != null ? 1 : 0));
    List<String> xy = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      xy.add(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f",
              PAD + (i + 1) * step,
              HEIGHT - PAD - (max > 0 ? values[i] / max * (HEIGHT - 2.0 * PAD) : 0)));
    }
    s.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"")
        .append(String.join(" ", xy))
        .append("\"/>");
    if (forecast != null && max > 0) {
      double x = WIDTH - PAD;
      double yLow = HEIGHT - PAD - forecast.co2Grams().low() / max * (HEIGHT - 2.0 * PAD);
      double yHigh = HEIGHT - PAD - forecast.co2Grams().high() / max * (HEIGHT - 2.0 * PAD);
      double yPoint = HEIGHT - PAD - forecast.co2Grams().point() / max * (HEIGHT - 2.0 * PAD);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\""
                  + " stroke-width=\"6\" opacity=\"0.4\"><title>forecast interval</title></line>"
                  + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c0392b\">"
                  + "<title>forecast after %d of %d epochs: %.4g g</title></circle>",
              x,
              x,
              yLow,
              yHigh,
              x,
              yPoint,
              forecast.afterEpochs(),
              forecast.plannedEpochs(),
              forecast.co2Grams().point()));
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder frame(String title, double max) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" role=\"img\"><title>%s</title>"
                    + "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>"
                    + "<text x=\"4\" y=\"%d\" font-size=\"10\">%.3g</text>"
                    + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                WIDTH,
                HEIGHT,
                escape(title),
                PAD,
                escape(title),
                PAD + 4,
                max,
                PAD,
                WIDTH - PAD,
                HEIGHT - PAD,
                HEIGHT - PAD));
  }

  private static void table(StringBuilder h, RunLedger run, List<EpochSeries.Point> points) {
    if (run.series().epochsPerPoint() > 1) {
      h.append("<p>Rows stand for groups of consecutive epochs; every epoch is in ")
          .append(EpochsCsv.FILE)
          .append(" and ")
          .append(EpochLog.FILE)
          .append(".</p>");
    }
    h.append("<table><tr><th>epochs</th><th>not completed</th><th>seconds</th>")
        .append("<th>energy</th><th>method</th><th>W</th><th>CO2e</th>")
        .append("<th>train loss</th><th>val. loss</th><th>val. accuracy</th></tr>\n");
    for (EpochSeries.Point p : points) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%.2f</td><td>%s</td><td>%s</td>"
                  + "<td>%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
              p.firstIndex() == p.lastIndex()
                  ? Integer.toString(p.firstIndex())
                  : p.firstIndex() + "–" + p.lastIndex(),
              p.notCompleted(),
              p.durationSeconds(),
              ConsoleReporter.energy(p.energyJoules()),
              escape(p.method().label()),
              p.meanPowerWatts(),
              ConsoleReporter.grams(p.co2OperationalGrams()),
              optional(p.trainLoss()),
              optional(p.validationLoss()),
              optional(p.validationAccuracy())));
    }
    h.append("</table>\n<p>Intensity: ");
    if (run.lastIntensity() != null) {
      h.append(escape(run.lastIntensity().toString()))
          .append("; PUE ")
          .append(escape(run.lastPue().toString()));
    }
    h.append("</p>\n");
  }

  private static String optional(double d) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4g", d);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
