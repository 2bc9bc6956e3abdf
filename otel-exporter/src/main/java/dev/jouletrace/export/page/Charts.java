package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;
import dev.jouletrace.export.page.ChartMath.EnergyUnit;
import java.util.ArrayList;
import java.util.List;

/** The charts of the page, each one inline SVG built from a {@link RunView}. */
final class Charts {
  /** Epoch marks (boundaries, tick labels) drawn at most per chart. */
  static final int MAX_MARKS = 40;

  /** Bars drawn at most per chart: more would be thinner than a pixel on a phone. */
  static final int MAX_BARS = 120;

  /** Power intervals drawn at most per run. */
  static final int MAX_POWER_INTERVALS = 480;

  private Charts() {}

  /**
   * The learning curve against cumulative energy (CO2e on a second axis), the best epoch ringed and
   * the epochs after it shaded with the energy the accounting charged them.
   */
  static String learning(RunView run, String id) {
    LearningMetric metric = LearningMetric.of(run);
    Svg svg = new Svg("learning", "Learning curve against cumulative energy");
    List<double[]> xy = new ArrayList<>();
    EnergyUnit unit = ChartMath.energyUnit(run.epochsEnergyJoules);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EpochPoint p : run.points) {
      double v = metric == null ? Double.NaN : metric.of(p);
      if (!Double.isNaN(v)) {
        xy.add(new double[] {p.cumulativeJoules / unit.joules, v});
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (xy.isEmpty()) {
      return svg.empty("No loss or accuracy was reported for this run").end();
    }
    double maxX = run.points.get(run.points.size() - 1).cumulativeJoules / unit.joules;
    Scale x = Scale.of(0, maxX, svg.plotLeft(), svg.plotRight(), 6);
    Scale y = Scale.of(lo, hi, svg.plotBottom(), svg.plotTop() + 22, 5);
    svg.raw("<defs>" + hatch(id + "-after", "#a8a8a8") + "</defs>");
    int best = ChartMath.bestPoint(run);
    if (best >= 0 && run.energyAfterBestJoules > 0) {
      double bx = x.at(ChartMath.energyThroughBestJoules(run) / unit.joules);
      double ex = x.at(maxX);
      svg.rect(
          bx,
          svg.plotTop(),
          ex - bx,
          svg.plotBottom() - svg.plotTop(),
          "after-best",
          "fill=\"url(#" + id + "-after)\"",
          "epochs after the best one");
      String what =
          ChartMath.energy(run.energyAfterBestJoules)
              + " ("
              + ChartMath.percent(run.energyAfterBestShare)
              + ") after the best epoch —";
      svg.text(svg.plotRight() - 4, svg.plotTop() + 14, what, "end", "shade-label");
      svg.text(
          svg.plotRight() - 4,
          svg.plotTop() + 28,
          "what early stopping would have saved",
          "end",
          "shade-label");
    }
    svg.axisX(x, "cumulative energy of the epochs (" + unit.label + ")");
    svg.axisY(y, metric.label() + (metric.lowerIsBetter() ? " (lower is better)" : ""));
    co2Axis(svg, run, x, unit);
    double[] line = new double[xy.size() * 2];
    for (int i = 0; i < xy.size(); i++) {
      line[2 * i] = x.at(xy.get(i)[0]);
      line[2 * i + 1] = y.at(xy.get(i)[1]);
    }
    svg.polyline(line, line.length, "curve", "stroke=\"" + Palette.BLUE + "\"");
    int stride = ChartMath.stride(run.points.size(), 60);
    for (int i = 0; i < run.points.size(); i += stride) {
      EpochPoint p = run.points.get(i);
      double v = metric.of(p);
      if (!Double.isNaN(v)) {
        svg.circle(
            x.at(p.cumulativeJoules / unit.joules),
            y.at(v),
            3,
            "dot",
            "fill=\"" + Palette.BLUE + "\"",
            "epoch " + p.epochLabel() + ": " + metric.label() + " " + ChartMath.number(v));
      }
    }
    if (best >= 0 && !Double.isNaN(metric.of(run.points.get(best)))) {
      EpochPoint b = run.points.get(best);
      double bx = x.at(b.cumulativeJoules / unit.joules);
      double by = y.at(metric.of(b));
      svg.circle(bx, by, 8, "best", "", "best epoch " + run.bestEpoch);
      svg.text(
          bx,
          by - 13,
          "best: epoch " + run.bestEpoch,
          bx > svg.plotRight() - 60 ? "end" : bx < svg.plotLeft() + 60 ? "start" : "middle",
          "shade-label");
    }
    return svg.end();
  }

  /** The cumulative CO2e on top of an energy axis, ticks placed where the run reached them. */
  private static void co2Axis(Svg svg, RunView run, Scale x, EnergyUnit unit) {
    double total = run.points.get(run.points.size() - 1).cumulativeCo2Grams;
    if (!(total > 0)) {
      return;
    }
    Scale c = Scale.of(0, total, 0, 1, 4);
    double[] ticks = c.ticks();
    double[] px = new double[ticks.length];
    String[] labels = new String[ticks.length];
    for (int i = 0; i < ticks.length; i++) {
      px[i] = x.at(ChartMath.energyAtCo2(run.points, ticks[i]) / unit.joules);
      labels[i] = c.label(ticks[i]);
    }
    svg.axisTop(px, labels, "cumulative CO2e (g)");
  }

  /**
   * Power over the run's time per domain, from the sampler's intervals (downsampled), with epoch
   * ends and validation passes marked.
   */
  static String power(RunView run) {
    Svg svg = new Svg("power", "Power over time by energy domain");
    PowerTrace trace = run.power.downsample(MAX_POWER_INTERVALS);
    if (trace.isEmpty()) {
      return svg.empty("No power readings for this run in " + PowerTrace.FILE).end();
    }
    double seconds = Math.max(1e-3, (run.endMillis - run.startMillis) / 1e3);
    double maxW = 0;
    for (PowerTrace.Interval i : trace.intervals()) {
      for (double w : i.watts) {
        maxW = Math.max(maxW, w);
      }
    }
    Scale x = Scale.of(0, seconds, svg.plotLeft(), svg.plotRight(), 6);
    Scale y = Scale.of(0, maxW, svg.plotBottom(), svg.plotTop(), 5);
    for (EpochPoint p : run.points) {
      for (int k = 0; k + 1 < p.validationWindows.length; k += 2) {
        double a = x.at(clamp((p.validationWindows[k] - run.startMillis) / 1e3, seconds));
        double b = x.at(clamp((p.validationWindows[k + 1] - run.startMillis) / 1e3, seconds));
        svg.rect(
            a,
            svg.plotTop(),
            Math.max(1, b - a),
            svg.plotBottom() - svg.plotTop(),
            "validation",
            "",
            "validation pass in epoch " + p.epochLabel());
      }
    }
    svg.axisX(x, "time since the run started (s)");
    svg.axisY(y, "power charged to this JVM (W)");
    int stride = ChartMath.stride(run.points.size(), MAX_MARKS);
    for (int i = 0; i < run.points.size(); i += stride) {
      EpochPoint p = run.points.get(i);
      double px = x.at(clamp((p.endMillis - run.startMillis) / 1e3, seconds));
      svg.line(px, svg.plotTop(), px, svg.plotBottom(), "epoch-mark");
    }
    List<String> ids = trace.domainIds();
    for (int d = 0; d < ids.size(); d++) {
      double[] xy = new double[trace.intervals().size() * 4];
      int n = 0;
      for (PowerTrace.Interval i : trace.intervals()) {
        double y0 = y.at(i.watts[d]);
        xy[n++] = x.at(clamp((i.startMillis - run.startMillis) / 1e3, seconds));
        xy[n++] = y0;
        xy[n++] = x.at(clamp((i.endMillis - run.startMillis) / 1e3, seconds));
        xy[n++] = y0;
      }
      int k = domainIndex(run, ids.get(d));
      String colour = k >= 0 ? Palette.domain(run.domains, k) : Palette.BLACK;
      svg.polyline(
          xy,
          n,
          "power",
          "stroke=\"" + colour + "\" stroke-dasharray=\"" + Palette.dash(Math.max(0, k)) + "\"");
    }
    return svg.end();
  }

  private static double clamp(double s, double max) {
    return Math.max(0, Math.min(max, s));
  }

  static int domainIndex(RunView run, String id) {
    for (int i = 0; i < run.domains.size(); i++) {
      if (run.domains.get(i).id.equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Energy per epoch stacked by domain; each domain's method shown by its fill pattern. */
  static String energy(RunView run, String id) {
    Svg svg = new Svg("energy", "Energy per epoch by domain");
    if (run.points.isEmpty()) {
      return svg.empty("No epoch finished yet").end();
    }
    List<EpochPoint> bars = EpochPoint.downsample(run.points, MAX_BARS);
    double max = 0;
    for (EpochPoint p : bars) {
      max = Math.max(max, p.energyPerEpochJoules());
    }
    EnergyUnit unit = ChartMath.energyUnit(max);
    StringBuilder defs = new StringBuilder("<defs>");
    for (int d = 0; d < run.domains.size(); d++) {
      defs.append(fill(id + "-d" + d, run.domains.get(d).method, Palette.domain(run.domains, d)));
    }
    svg.raw(defs.append("</defs>").toString());
    Scale y = Scale.of(0, max / unit.joules, svg.plotBottom(), svg.plotTop(), 5);
    svg.axisY(y, "energy per epoch (" + unit.label + ")");
    double slot = (svg.plotRight() - svg.plotLeft()) / bars.size();
    bandAxis(svg, bars, slot);
    for (int i = 0; i < bars.size(); i++) {
      EpochPoint p = bars.get(i);
      double x0 = svg.plotLeft() + i * slot + slot * 0.12;
      double w = Math.max(0.8, slot * 0.76);
      double base = 0;
      double known = 0;
      for (int d = 0; d < run.domains.size(); d++) {
        double v = p.domainJoules[d] / Math.max(1, p.epochs) / unit.joules;
        known += v;
        if (v <= 0) {
          continue;
        }
        RunView.Domain dom = run.domains.get(d);
        svg.rect(
            x0,
            y.at(base + v),
            w,
            y.at(base) - y.at(base + v),
            "bar",
            "fill=\"url(#"
                + id
                + "-d"
                + d
                + ")\" stroke=\""
                + Palette.domain(run.domains, d)
                + "\""
                + (dom.method.equals("estimated") ? " stroke-dasharray=\"3 2\"" : ""),
            "epoch "
                + p.epochLabel()
                + ": "
                + dom.id
                + " "
                + ChartMath.energy(v * unit.joules)
                + " ("
                + dom.method
                + ")");
        base += v;
      }
      double total = p.energyPerEpochJoules() / unit.joules;
      if (total - known > 1e-9 * Math.max(1, total)) {
        // energy without a domain split (no domain was read)
        svg.rect(
            x0,
            y.at(base + total - known),
            w,
            y.at(base) - y.at(base + total - known),
            "bar",
            "fill=\"#999999\"",
            "epoch " + p.epochLabel() + ": " + ChartMath.energy((total - known) * unit.joules));
      }
    }
    return svg.end();
  }

  /** Epoch labels under a chart of one band per point, at most {@link #MAX_MARKS}. */
  private static void bandAxis(Svg svg, List<EpochPoint> bars, double slot) {
    double y = svg.plotBottom();
    svg.line(svg.plotLeft(), y, svg.plotRight(), y, "axis");
    int stride = ChartMath.stride(bars.size(), Math.min(MAX_MARKS, 12));
    for (int i = 0; i < bars.size(); i += stride) {
      double cx = svg.plotLeft() + (i + 0.5) * slot;
      svg.line(cx, y, cx, y + 5, "axis");
      svg.text(cx, y + 18, bars.get(i).epochLabel(), "middle", "tick");
    }
    int per = bars.get(0).epochs;
    svg.text(
        (svg.plotLeft() + svg.plotRight()) / 2,
        Svg.HEIGHT - 8,
        per > 1 ? "epoch (bars are groups of " + per + " epochs, mean per epoch)" : "epoch",
        "middle",
        "axis-label");
  }

  /** The fill of a domain: solid when measured, hatched when integrated, dotted when estimated. */
  private static String fill(String patternId, String method, String colour) {
    switch (method) {
      case "measured":
        return "<pattern id=\""
            + patternId
            + "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\""
            + " height=\"6\" fill=\""
            + colour
            + "\"/></pattern>";
      case "integrated":
        return hatch(patternId, colour);
      default:
        return "<pattern id=\""
            + patternId
            + "\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\"><rect width=\"5\""
            + " height=\"5\" fill=\"#ffffff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.5\" fill=\""
            + colour
            + "\"/></pattern>";
    }
  }

  private static String hatch(String patternId, String colour) {
    return "<pattern id=\""
        + patternId
        + "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\""
        + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\""
        + colour
        + "\" fill-opacity=\"0.18\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\""
        + colour
        + "\" stroke-width=\"2.5\"/></pattern>";
  }

  /**
   * The accounting's loss improvement (or accuracy gain) per kJ of each epoch: where the returns
   * diminish. Bars below zero are epochs that made the model worse.
   */
  static String efficiency(RunView run) {
    LearningMetric metric = LearningMetric.of(run);
    boolean accuracy = metric == LearningMetric.VALIDATION_ACCURACY;
    String what = accuracy ? "validation accuracy gain per kJ" : "loss improvement per kJ";
    Svg svg = new Svg("efficiency", "Efficiency per epoch: " + what);
    List<EpochPoint> bars = EpochPoint.downsample(run.points, MAX_BARS);
    double lo = 0;
    double hi = 0;
    boolean any = false;
    for (EpochPoint p : bars) {
      double v = accuracy ? p.accuracyGainPerKj : p.lossImprovementPerKj;
      if (!Double.isNaN(v)) {
        any = true;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!any) {
      return svg.empty("Needs a loss or accuracy in two consecutive epochs").end();
    }
    Scale y = Scale.of(lo, hi, svg.plotBottom(), svg.plotTop(), 5);
    svg.axisY(y, what);
    double slot = (svg.plotRight() - svg.plotLeft()) / bars.size();
    bandAxis(svg, bars, slot);
    double zero = y.at(0);
    svg.line(svg.plotLeft(), zero, svg.plotRight(), zero, "zero");
    int best = ChartMath.bestPoint(bars, run.bestEpoch);
    for (int i = 0; i < bars.size(); i++) {
      EpochPoint p = bars.get(i);
      double v = accuracy ? p.accuracyGainPerKj : p.lossImprovementPerKj;
      if (Double.isNaN(v)) {
        continue;
      }
      double x0 = svg.plotLeft() + i * slot + slot * 0.12;
      double top = Math.min(zero, y.at(v));
      svg.rect(
          x0,
          top,
          Math.max(0.8, slot * 0.76),
          Math.max(0.5, Math.abs(y.at(v) - zero)),
          v >= 0 ? "gain" : "loss",
          v >= 0
              ? "fill=\"" + Palette.BLUE + "\""
              : "fill=\"#ffffff\" stroke=\"" + Palette.VERMILLION + "\" stroke-width=\"1.5\"",
          "epoch " + p.epochLabel() + ": " + ChartMath.number(v) + " per kJ");
    }
    if (best >= 0) {
      double bx = svg.plotLeft() + (best + 0.5) * slot;
      svg.line(bx, svg.plotTop(), bx, svg.plotBottom(), "best-mark");
      svg.text(bx + 3, svg.plotTop() + 10, "best epoch", "start", "best-label");
    }
    return svg.end();
  }

  /**
   * Cumulative CO2e by epochs finished, the latest forecast of the total with its interval, and the
   * totals the earlier forecasts predicted (from their errors) against the actual one.
   */
  static String co2(RunView run) {
    Svg svg = new Svg("co2", "Cumulative CO2e against the forecasts");
    if (run.points.isEmpty()) {
      return svg.empty("No epoch finished yet").end();
    }
    RunView.ForecastView f = run.forecast;
    int epochs = 0;
    for (EpochPoint p : run.points) {
      epochs += p.epochs;
    }
    double actual = run.points.get(run.points.size() - 1).cumulativeCo2Grams;
    double maxX = Math.max(epochs, f == null ? 0 : f.plannedEpochs);
    double maxY = actual;
    if (f != null) {
      maxY = Math.max(maxY, f.co2High);
      for (double[] e : f.co2Errors) {
        if (!Double.isNaN(e[1])) {
          maxY = Math.max(maxY, actual * (1 + e[1]));
        }
      }
    }
    Scale x = Scale.of(0, maxX, svg.plotLeft(), svg.plotRight(), 6);
    Scale y = Scale.of(0, maxY, svg.plotBottom(), svg.plotTop(), 5);
    svg.axisX(x, "epochs finished");
    svg.axisY(y, "cumulative CO2e, operational + embodied (g)");
    double[] xy = new double[(run.points.size() + 1) * 2];
    xy[0] = x.at(0);
    xy[1] = y.at(0);
    int n = 0;
    for (int i = 0; i < run.points.size(); i++) {
      EpochPoint p = run.points.get(i);
      n += p.epochs;
      xy[2 * i + 2] = x.at(n);
      xy[2 * i + 3] = y.at(p.cumulativeCo2Grams);
    }
    svg.polyline(xy, xy.length, "actual", "stroke=\"" + Palette.BLUE + "\"");
    if (f == null) {
      return svg.end();
    }
    if (!f.co2Errors.isEmpty()) {
      svg.line(x.at(0), y.at(actual), x.at(maxX), y.at(actual), "actual-total");
      for (double[] e : f.co2Errors) {
        if (Double.isNaN(e[1])) {
          continue;
        }
        double cx = x.at(e[0]);
        double cy = y.at(actual * (1 + e[1]));
        StringBuilder path = new StringBuilder("<path class=\"kept-forecast\" d=\"M");
        Svg.tenths(Svg.tenths(path, cx).append(' '), cy - 5).append("l5 5l-5 5l-5 -5z\"><title>");
        svg.raw(
            path.append(
                    Html.escape(
                        "forecast made after "
                            + (int) e[0]
                            + " epochs: "
                            + ChartMath.grams(actual * (1 + e[1]))
                            + " ("
                            + signedPercent(e[1])
                            + ")"))
                .append("</title></path>")
                .toString());
      }
    }
    double fx = x.at(f.plannedEpochs);
    svg.line(fx, y.at(f.co2Low), fx, y.at(f.co2High), "interval");
    svg.line(fx - 6, y.at(f.co2Low), fx + 6, y.at(f.co2Low), "interval");
    svg.line(fx - 6, y.at(f.co2High), fx + 6, y.at(f.co2High), "interval");
    svg.circle(
        fx,
        y.at(f.co2Point),
        4.5,
        "forecast",
        "fill=\"" + Palette.VERMILLION + "\"",
        "latest forecast (after "
            + f.afterEpochs
            + " epochs): "
            + ChartMath.grams(f.co2Point)
            + " ["
            + ChartMath.grams(f.co2Low)
            + "–"
            + ChartMath.grams(f.co2High)
            + "]");
    return svg.end();
  }

  static String signedPercent(double share) {
    double percent = share * 100;
    return (Double.doubleToRawLongBits(percent) < 0 || Double.isNaN(percent) ? "" : "+")
        + Decimals.fixed(percent, 1)
        + " %";
  }

  /**
   * Several runs' learning curves against cumulative energy on one chart (runs charting another
   * metric than the first are left to the table).
   */
  static String comparison(List<RunView> runs, List<LearningMetric> metrics) {
    Svg svg = new Svg("comparison", "Learning curves of the runs against cumulative energy");
    LearningMetric metric = null;
    double maxJ = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < runs.size(); r++) {
      if (metric == null) {
        metric = metrics.get(r);
      }
      if (metric == null || metrics.get(r) != metric) {
        continue;
      }
      for (EpochPoint p : runs.get(r).points) {
        double v = metric.of(p);
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          maxJ = Math.max(maxJ, p.cumulativeJoules);
        }
      }
    }
    if (metric == null || lo > hi) {
      return svg.empty("No run reported a loss or accuracy").end();
    }
    EnergyUnit unit = ChartMath.energyUnit(maxJ);
    Scale x = Scale.of(0, maxJ / unit.joules, svg.plotLeft(), svg.plotRight(), 6);
    Scale y = Scale.of(lo, hi, svg.plotBottom(), svg.plotTop(), 5);
    svg.axisX(x, "cumulative energy of the epochs (" + unit.label + ")");
    svg.axisY(y, metric.label() + (metric.lowerIsBetter() ? " (lower is better)" : ""));
    for (int r = 0; r < runs.size(); r++) {
      if (metrics.get(r) != metric) {
        continue;
      }
      RunView run = runs.get(r);
      List<double[]> pts = new ArrayList<>();
      for (EpochPoint p : run.points) {
        double v = metric.of(p);
        if (!Double.isNaN(v)) {
          pts.add(new double[] {x.at(p.cumulativeJoules / unit.joules), y.at(v)});
        }
      }
      double[] xy = new double[pts.size() * 2];
      for (int i = 0; i < pts.size(); i++) {
        xy[2 * i] = pts.get(i)[0];
        xy[2 * i + 1] = pts.get(i)[1];
      }
      String colour = Palette.run(r);
      svg.polyline(
          xy,
          xy.length,
          "curve",
          "stroke=\"" + colour + "\" stroke-dasharray=\"" + Palette.dash(r) + "\"");
      int best = ChartMath.bestPoint(run);
      if (best >= 0 && !Double.isNaN(metric.of(run.points.get(best)))) {
        EpochPoint b = run.points.get(best);
        svg.circle(
            x.at(b.cumulativeJoules / unit.joules),
            y.at(metric.of(b)),
            6,
            "best",
            "stroke=\"" + colour + "\"",
            run.label + ": best epoch " + run.bestEpoch);
      }
    }
    return svg.end();
  }
}
