package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunRecord;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.Forecast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

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

  static String render(Collection<RunRecord> runs) {
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
    for (RunRecord run : runs) {
      renderRun(h, run);
    }
    return h.append("</body></html>\n").toString();
  }

  private static void renderRun(StringBuilder h, RunRecord run) {
    h.append("<h2>")
        .append(escape(run.framework()))
        .append(" run ")
        .append(run.number())
        .append(" &middot; ")
        .append(escape(run.status()))
        .append("</h2>\n<p>")
        .append(run.epochs().size())
        .append(" epochs, ")
        .append(ConsoleReporter.energy(run.energyJoules()))
        .append(" (")
        .append(escape(run.energyMethod()))
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
    h.append("</p>\n<div class=\"charts\">");
    List<EpochRecord> epochs = run.epochs();
    h.append(
        bars(
            "Energy per epoch (J): green measured, orange integrated, grey estimated",
            epochs,
            EpochRecord::energyJoules));
    h.append(
        line(
            "Mean power per epoch (W)",
            cumulative(epochs, EpochRecord::meanPowerWatts, false),
            null));
    h.append(
        line(
            "Cumulative CO2e (g), with the latest forecast",
            cumulative(epochs, e -> e.co2OperationalGrams() + e.co2EmbodiedGrams(), true),
            RunFigures.forecastAfter(run).orElse(run.forecasts().latest().orElse(null))));
    h.append("</div>\n");
    table(h, epochs);
  }

  private static double[] cumulative(
      List<EpochRecord> epochs, ToDoubleFunction<EpochRecord> f, boolean sum) {
    double[] v = new double[epochs.size()];
    double total = 0;
    for (int i = 0; i < v.length; i++) {
      double x = f.applyAsDouble(epochs.get(i));
      total += x;
      v[i] = sum ? total : x;
    }
    return v;
  }

  private static String bars(
      String title, List<EpochRecord> epochs, ToDoubleFunction<EpochRecord> f) {
    double max = 0;
    for (EpochRecord e : epochs) {
      max = Math.max(max, f.applyAsDouble(e));
    }
    StringBuilder s = frame(title, max);
    double slot = (WIDTH - 2.0 * PAD) / Math.max(1, epochs.size());
    for (int i = 0; i < epochs.size(); i++) {
      EpochRecord e = epochs.get(i);
      double hgt = max > 0 ? f.applyAsDouble(e) / max * (HEIGHT - 2.0 * PAD) : 0;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>epoch %d: %.4g J, %s</title></rect>",
              escape(e.energyMethod()),
              PAD + i * slot + slot * 0.1,
              HEIGHT - PAD - hgt,
              slot * 0.8,
              hgt,
              e.index(),
              f.applyAsDouble(e),
              escape(e.energyMethod())));
    }
    return s.append("</svg>").toString();
  }

  private static String line(String title, double[] values, Forecast forecast) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    int points = values.length;
    if (forecast != null) {
      max = Math.max(max, forecast.co2Grams().high());
      points = Math.max(points, forecast.plannedEpochs());
    }
    StringBuilder s = frame(title, max);
    double step = (WIDTH - 2.0 * PAD) / Math.max(1, points);
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
      double x = PAD + forecast.plannedEpochs() * step;
      double yLow = HEIGHT - PAD - forecast.co2Grams().low() / max * (HEIGHT - 2.0 * PAD);
      double yHigh = HEIGHT - PAD - forecast.co2Grams().high() / max * (HEIGHT - 2.0 * PAD);
      double yPoint = HEIGHT - PAD - forecast.co2Grams().point() / max * (HEIGHT - 2.0 * PAD);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\""
                  + " stroke-width=\"6\" opacity=\"0.4\"><title>forecast interval</title></line>"
                  + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c0392b\">"
                  + "<title>forecast after %d epochs: %.4g g</title></circle>",
              x,
              x,
              yLow,
              yHigh,
              x,
              yPoint,
              forecast.afterEpochs(),
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

  private static void table(StringBuilder h, List<EpochRecord> epochs) {
    h.append("<table><tr><th>epoch</th><th>status</th><th>seconds</th><th>batches</th>")
        .append("<th>energy</th><th>method</th><th>W</th><th>CO2e</th><th>g/kWh</th>")
        .append("<th>PUE</th><th>train loss</th><th>val. loss</th><th>val. accuracy</th></tr>\n");
    for (EpochRecord e : epochs) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%s</td><td>%.2f</td><td>%d</td><td>%s</td><td>%s</td>"
                  + "<td>%.1f</td><td>%s</td><td>%.0f</td><td>%.2f</td><td>%s</td><td>%s</td>"
                  + "<td>%s</td></tr>%n",
              e.index(),
              escape(e.status()),
              e.durationSeconds(),
              e.batches(),
              ConsoleReporter.energy(e.energyJoules()),
              escape(e.energyMethod()),
              e.meanPowerWatts(),
              ConsoleReporter.grams(e.co2OperationalGrams()),
              e.intensity().gramsPerKwh(),
              e.pue().value(),
              optional(e.trainLoss()),
              optional(e.validationLoss()),
              optional(e.validationAccuracy())));
    }
    h.append("</table>\n<p>Intensity: ");
    if (!epochs.isEmpty()) {
      EpochRecord last = epochs.get(epochs.size() - 1);
      h.append(escape(last.intensity().toString()))
          .append("; PUE ")
          .append(escape(last.pue().toString()));
    }
    h.append("</p>\n");
  }

  private static String optional(Double d) {
    return Optional.ofNullable(d)
        .filter(x -> !x.isNaN())
        .map(x -> String.format(Locale.ROOT, "%.4g", x))
        .orElse("");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
