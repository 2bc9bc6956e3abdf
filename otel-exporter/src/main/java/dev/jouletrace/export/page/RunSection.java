package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;
import java.util.List;

/** One run's part of the page: heading, summary cards, the five charts, the epoch table. */
final class RunSection {
  /** Rows of the epoch table at most; longer runs are shown in groups of consecutive epochs. */
  static final int MAX_ROWS = 256;

  private RunSection() {}

  static void render(StringBuilder h, RunView run, int index) {
    String id = "r" + index;
    h.append("<section class=\"run\" id=\"view-").append(index).append("\">");
    h.append("<h2>")
        .append(Html.escape(run.label))
        .append(" · ")
        .append(Html.escape(run.status))
        .append("</h2>\n");
    cards(h, run);
    LearningMetric metric = LearningMetric.of(run);
    h.append("<div class=\"figs\">\n");
    figure(
        h,
        "Did the last epochs pay for their energy?",
        Charts.learning(run, id),
        learningCaption(run, metric, id));
    figure(h, "Where the power went", Charts.power(run), powerCaption(run));
    figure(h, "Energy per epoch by domain", Charts.energy(run, id), energyCaption(run, id));
    figure(h, "What each epoch bought per kJ", Charts.efficiency(run), efficiencyCaption(metric));
    figure(h, "Cumulative CO2e and the forecasts", Charts.co2(run), co2Caption(run));
    h.append("</div>\n");
    table(h, run);
    h.append("</section>\n");
  }

  private static void figure(StringBuilder h, String title, String svg, String caption) {
    h.append("<figure><h3>")
        .append(Html.escape(title))
        .append("</h3>")
        .append(svg)
        .append("<figcaption>")
        .append(caption)
        .append("</figcaption></figure>\n");
  }

  private static void cards(StringBuilder h, RunView run) {
    h.append("<div class=\"cards\">");
    card(
        h,
        "Energy",
        ChartMath.energy(run.energyJoules),
        run.energyMethod + (run.energyMethod.equals("estimated") ? " (no counter readable)" : ""));
    card(
        h,
        "CO2e",
        ChartMath.grams(run.co2Grams),
        ChartMath.grams(run.co2OperationalGrams)
            + " operational + "
            + ChartMath.grams(run.co2EmbodiedGrams)
            + " embodied");
    card(
        h,
        "Grid intensity",
        Double.isNaN(run.intensityGramsPerKwh)
            ? "–"
            : Decimals.fixed(run.intensityGramsPerKwh, 0) + " g/kWh",
        run.zone
            + (run.intensitySource.isEmpty() ? "" : " · " + run.intensitySource)
            + (run.intensityYear > 0 ? " (" + run.intensityYear + ")" : ""));
    card(h, "PUE", Double.isNaN(run.pue) ? "–" : Decimals.fixed(run.pue, 2), run.pueSource);
    card(
        h,
        "Duration",
        ChartMath.duration(run.durationSeconds),
        run.epochs + " epochs, " + run.status);
    if (run.bestEpoch >= 0) {
      card(
          h,
          "Best epoch",
          "epoch " + run.bestEpoch,
          ChartMath.energy(run.energyAfterBestJoules)
              + " ("
              + ChartMath.percent(run.energyAfterBestShare)
              + ") spent after it");
    }
    card(
        h,
        "Equivalent to",
        run.carKm >= 1
            ? ChartMath.number(run.carKm) + " km by car"
            : ChartMath.number(run.carKm * 1000) + " m by car",
        ChartMath.number(run.smartphoneCharges) + " smartphone charges");
    h.append("</div>\n");
  }

  private static void card(StringBuilder h, String key, String value, String sub) {
    h.append("<div class=\"card\"><div class=\"k\">")
        .append(Html.escape(key))
        .append("</div><div class=\"v\">")
        .append(Html.escape(value))
        .append("</div><div class=\"s\">")
        .append(Html.escape(sub))
        .append("</div></div>");
  }

  private static String learningCaption(RunView run, LearningMetric metric, String id) {
    StringBuilder c = new StringBuilder();
    c.append("<ul class=\"legend\">")
        .append(item(line(Palette.BLUE, ""), metric == null ? "loss" : metric.label()))
        .append(item("<circle cx=\"12\" cy=\"6\" r=\"5\" class=\"best\"/>", "best epoch"))
        .append(
            item(
                "<rect width=\"24\" height=\"12\" fill=\"url(#"
                    + id
                    + "-after)\" stroke=\"#999\"/>",
                "after the best epoch"))
        .append("</ul>");
    c.append("<p>Each dot is an epoch, placed at the energy spent so far; the top axis gives the")
        .append(" same distance in CO2e.");
    if (run.bestEpoch >= 0 && run.energyAfterBestJoules > 0) {
      c.append(" The shaded epochs came after the best one: <b>")
          .append(Html.escape(ChartMath.energy(run.energyAfterBestJoules)))
          .append(" (")
          .append(ChartMath.percent(run.energyAfterBestShare))
          .append(")</b> that early stopping at epoch ")
          .append(run.bestEpoch)
          .append(" would have saved.");
    } else if (run.bestEpoch >= 0) {
      c.append(" The best epoch was the last: nothing was spent after it.");
    }
    return c.append("</p>").toString();
  }

  private static String powerCaption(RunView run) {
    StringBuilder c = new StringBuilder("<ul class=\"legend\">");
    for (int d = 0; d < run.domains.size(); d++) {
      RunView.Domain dom = run.domains.get(d);
      c.append(
          item(
              line(Palette.domain(run.domains, d), Palette.dash(d)),
              dom.id + " (" + dom.method + ")"));
    }
    c.append(item("<rect width=\"24\" height=\"12\" class=\"validation\"/>", "validation pass"))
        .append(
            item(
                "<line x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\" class=\"epoch-mark\"/>", "epoch end"))
        .append("</ul><p>Mean power of each domain over the sampler's intervals");
    if (!run.power.isEmpty()) {
      PowerTrace.Interval first = run.power.intervals().get(0);
      c.append(" (")
          .append(ChartMath.duration((first.endMillis - first.startMillis) / 1e3))
          .append(" each")
          .append(run.power.intervals().size() > Charts.MAX_POWER_INTERVALS ? ", merged" : "")
          .append(")");
    }
    return c.append(".</p>").toString();
  }

  private static String energyCaption(RunView run, String id) {
    StringBuilder c = new StringBuilder("<ul class=\"legend\">");
    for (int d = 0; d < run.domains.size(); d++) {
      RunView.Domain dom = run.domains.get(d);
      c.append(
          item(
              "<rect width=\"24\" height=\"12\" fill=\"url(#"
                  + id
                  + "-d"
                  + d
                  + ")\" stroke=\""
                  + Palette.domain(run.domains, d)
                  + "\""
                  + (dom.method.equals("estimated") ? " stroke-dasharray=\"3 2\"" : "")
                  + "/>",
              dom.id + ": " + dom.method));
    }
    return c.append(
            "</ul><p>Solid fill: measured by a hardware counter; hatched: integrated from power"
                + " readings; dotted with a dashed outline: estimated.</p>")
        .toString();
  }

  private static String efficiencyCaption(LearningMetric metric) {
    String what =
        metric == LearningMetric.VALIDATION_ACCURACY
            ? "validation accuracy gained"
            : "loss improvement (validation loss when the epochs have one, else training loss)";
    return "<ul class=\"legend\">"
        + item("<rect width=\"24\" height=\"12\" fill=\"" + Palette.BLUE + "\"/>", "better")
        + item(
            "<rect x=\"1\" y=\"1\" width=\"22\" height=\"10\" fill=\"#fff\" stroke=\""
                + Palette.VERMILLION
                + "\" stroke-width=\"1.5\"/>",
            "worse")
        + "</ul><p>The "
        + what
        + " of each epoch over the previous one, per kJ it used: bars shrinking toward zero are"
        + " epochs that no longer paid for their energy.</p>";
  }

  private static String co2Caption(RunView run) {
    StringBuilder c = new StringBuilder("<ul class=\"legend\">");
    c.append(item(line(Palette.BLUE, ""), "actual"));
    RunView.ForecastView f = run.forecast;
    if (f == null) {
      return c.append("</ul><p>No forecast: it needs the planned number of epochs.</p>").toString();
    }
    c.append(
            item(
                "<line x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\" class=\"interval\"/>"
                    + "<circle cx=\"12\" cy=\"6\" r=\"4\" fill=\""
                    + Palette.VERMILLION
                    + "\"/>",
                "latest forecast and its interval"))
        .append(
            f.co2Errors.isEmpty()
                ? ""
                : item(
                    "<path class=\"kept-forecast\" d=\"M12 1l5 5l-5 5l-5 -5z\"/>",
                    "earlier forecasts of the total"))
        .append("</ul><p>Forecast after ")
        .append(f.afterEpochs)
        .append(" of ")
        .append(f.plannedEpochs)
        .append(" epochs: ")
        .append(Html.escape(ChartMath.grams(f.co2Point)))
        .append(" [")
        .append(Html.escape(ChartMath.grams(f.co2Low)))
        .append("–")
        .append(Html.escape(ChartMath.grams(f.co2High)))
        .append("].");
    if (!f.co2Errors.isEmpty()) {
      double[] first = f.co2Errors.get(0);
      double[] last = f.co2Errors.get(f.co2Errors.size() - 1);
      c.append(" Actual: ")
          .append(
              Html.escape(
                  ChartMath.grams(run.points.get(run.points.size() - 1).cumulativeCo2Grams)))
          .append("; final error ")
          .append(Charts.signedPercent(last[1]))
          .append(" (the first forecast, after ")
          .append((int) first[0])
          .append(" epochs: ")
          .append(Charts.signedPercent(first[1]))
          .append(").");
    }
    return c.append("</p>").toString();
  }

  private static String line(String colour, String dash) {
    return "<line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\""
        + colour
        + "\" stroke-width=\"2.5\" stroke-dasharray=\""
        + dash
        + "\"/>";
  }

  static String item(String swatch, String label) {
    return "<li><svg width=\"24\" height=\"12\" viewBox=\"0 0 24 12\" aria-hidden=\"true\">"
        + swatch
        + "</svg>"
        + Html.escape(label)
        + "</li>";
  }

  private static void table(StringBuilder h, RunView run) {
    h.append("<details open><summary>Epochs</summary>");
    List<EpochPoint> rows = EpochPoint.downsample(run.points, MAX_ROWS);
    if (rows.size() < run.epochs) {
      h.append("<p>Rows stand for groups of consecutive epochs; every epoch is in epochs.csv and")
          .append(" epochs.jsonl.</p>");
    }
    h.append("<div class=\"tablewrap\"><table><tr><th>epoch</th><th>seconds</th><th>energy</th>")
        .append("<th>method</th><th>mean W</th><th>CO2e (op. + emb.)</th><th>train loss</th>")
        .append("<th>val. loss</th><th>val. accuracy</th><th>loss impr. / kJ</th>")
        .append("<th>not completed</th></tr>\n");
    for (EpochPoint p : rows) {
      h.append("<tr><td>")
          .append(p.epochLabel())
          .append(p.firstIndex <= run.bestEpoch && run.bestEpoch <= p.lastIndex ? " (best)" : "")
          .append("</td><td>")
          .append(Decimals.fixed(p.durationSeconds, 2))
          .append("</td><td>")
          .append(Html.escape(ChartMath.energy(p.energyJoules)))
          .append("</td><td>")
          .append(Html.escape(p.method))
          .append("</td><td>")
          .append(Decimals.fixed(p.meanPowerWatts(), 1))
          .append("</td><td>")
          .append(Html.escape(ChartMath.grams(p.co2Grams)))
          .append("</td><td>")
          .append(ChartMath.number(p.trainLoss))
          .append("</td><td>")
          .append(ChartMath.number(p.validationLoss))
          .append("</td><td>")
          .append(ChartMath.number(p.validationAccuracy))
          .append("</td><td>")
          .append(ChartMath.number(p.lossImprovementPerKj))
          .append("</td><td>")
          .append(p.notCompleted)
          .append("</td></tr>\n");
    }
    h.append("</table></div></details>\n");
  }
}
