package dev.jouletrace.export.page;

import dev.jouletrace.export.Decimals;

/**
 * One chart as inline SVG: a plot area with margins, axes with ticks and units, and the shapes the
 * charts draw. Sized by its viewBox so it scales to the page width.
 */
final class Svg {
  static final int WIDTH = 560;
  static final int HEIGHT = 300;
  static final int LEFT = 62;
  static final int RIGHT = 18;
  static final int TOP = 40;
  static final int BOTTOM = 48;

  private final StringBuilder s = new StringBuilder(8192);
  private final int right;

  /**
   * @param chart what the chart shows (its data-chart attribute, which tests look for)
   * @param title the accessible title
   * @param rightMargin room on the right (a second axis needs more)
   */
  Svg(String chart, String title, int rightMargin) {
    this.right = rightMargin;
    s.append("<svg class=\"chart\" data-chart=\"")
        .append(chart)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\"><title>")
        .append(Html.escape(title))
        .append("</title>");
  }

  Svg(String chart, String title) {
    this(chart, title, RIGHT);
  }

  double plotLeft() {
    return LEFT;
  }

  double plotRight() {
    return WIDTH - right;
  }

  double plotTop() {
    return TOP;
  }

  double plotBottom() {
    return HEIGHT - BOTTOM;
  }

  Svg raw(String svg) {
    s.append(svg);
    return this;
  }

  /** The x axis at the bottom: ticks, their labels, and the axis label with its unit. */
  Svg axisX(Scale x, String label) {
    double y = plotBottom();
    line(plotLeft(), y, plotRight(), y, "axis");
    for (double t : x.ticks()) {
      double px = x.at(t);
      line(px, y, px, y + 5, "axis");
      line(px, plotTop(), px, y, "gridline");
      text(px, y + 18, x.label(t), "middle", "tick");
    }
    return text((plotLeft() + plotRight()) / 2, HEIGHT - 8, label, "middle", "axis-label");
  }

  /** A second x axis on top (CO2e for an energy axis): ticks at the given pixels. */
  Svg axisTop(double[] pixels, String[] labels, String label) {
    double y = plotTop();
    line(plotLeft(), y, plotRight(), y, "axis");
    for (int i = 0; i < pixels.length; i++) {
      if (pixels[i] < plotLeft() - 0.5 || pixels[i] > plotRight() + 0.5) {
        continue;
      }
      line(pixels[i], y - 5, pixels[i], y, "axis");
      text(pixels[i], y - 8, labels[i], "middle", "tick");
    }
    return text(plotRight(), 12, label, "end", "axis-label");
  }

  /** The y axis on the left: ticks, horizontal grid lines, the label with its unit above. */
  Svg axisY(Scale y, String label) {
    double x = plotLeft();
    line(x, plotTop(), x, plotBottom(), "axis");
    for (double t : y.ticks()) {
      double py = y.at(t);
      line(x - 5, py, x, py, "axis");
      line(x, py, plotRight(), py, "gridline");
      text(x - 8, py + 4, y.label(t), "end", "tick");
    }
    return text(4, 14, label, "start", "axis-label");
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    s.append("<line class=\"").append(cls);
    tenths(
            tenths(
                    tenths(tenths(s.append("\" x1=\""), x1).append("\" y1=\""), y1)
                        .append("\" x2=\""),
                    x2)
                .append("\" y2=\""),
            y2)
        .append("\"/>");
    return this;
  }

  Svg text(double x, double y, String text, String anchor, String cls) {
    s.append("<text class=\"").append(cls);
    tenths(tenths(s.append("\" x=\""), x).append("\" y=\""), y)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(text))
        .append("</text>");
    return this;
  }

  /** A rectangle; {@code style} is extra attributes (fill, stroke…), {@code tip} a tooltip. */
  Svg rect(double x, double y, double w, double h, String cls, String style, String tip) {
    s.append("<rect class=\"").append(cls);
    tenths(
            tenths(tenths(s.append("\" x=\""), x).append("\" y=\""), y).append("\" width=\""),
            Math.max(0, w))
        .append("\" height=\"");
    tenths(s, Math.max(0, h)).append("\" ").append(style).append('>');
    if (tip != null) {
      s.append("<title>").append(Html.escape(tip)).append("</title>");
    }
    s.append("</rect>");
    return this;
  }

  Svg circle(double x, double y, double r, String cls, String style, String tip) {
    s.append("<circle class=\"").append(cls);
    tenths(tenths(tenths(s.append("\" cx=\""), x).append("\" cy=\""), y).append("\" r=\""), r)
        .append("\" ")
        .append(style)
        .append('>');
    if (tip != null) {
      s.append("<title>").append(Html.escape(tip)).append("</title>");
    }
    s.append("</circle>");
    return this;
  }

  /** A polyline through {@code xy} (x0, y0, x1, y1, …). */
  Svg polyline(double[] xy, int n, String cls, String style) {
    s.append("<polyline class=\"").append(cls).append("\" ").append(style).append(" points=\"");
    for (int i = 0; i < n; i += 2) {
      if (i > 0) {
        s.append(' ');
      }
      tenths(tenths(s, xy[i]).append(','), xy[i + 1]);
    }
    s.append("\"/>");
    return this;
  }

  /** A note across the plot when there is nothing to draw. */
  Svg empty(String why) {
    return text(WIDTH / 2.0, HEIGHT / 2.0, why, "middle", "note");
  }

  String end() {
    return s.append("</svg>").toString();
  }

  /** {@code v} as {@code %.1f} writes it: coordinates in tenths of a unit of the viewBox. */
  static StringBuilder tenths(StringBuilder out, double v) {
    return Decimals.append(out, v, 1);
  }
}
