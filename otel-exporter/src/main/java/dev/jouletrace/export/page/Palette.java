package dev.jouletrace.export.page;

import java.util.List;

/**
 * Colours and line dashes from the Okabe–Ito palette (Okabe and Ito, "Color Universal Design",
 * 2008), distinguishable with the common colour-vision deficiencies; every series also differs by
 * dash or marker, so that nothing is told by colour alone.
 */
final class Palette {
  static final String BLUE = "#0072B2";
  static final String VERMILLION = "#D55E00";
  static final String GREEN = "#009E73";
  static final String ORANGE = "#E69F00";
  static final String SKY = "#56B4E9";
  static final String PURPLE = "#CC79A7";
  static final String BLACK = "#000000";

  private static final String[] GPUS = {VERMILLION, PURPLE, ORANGE, SKY};
  private static final String[] RUNS = {BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK};
  private static final String[] DASHES = {"", "8 4", "3 3", "10 3 2 3", "1 3", "12 6"};

  private Palette() {}

  /** The colour of domain {@code i}: CPU blue, DRAM green, GPUs vermillion then purple… */
  static String domain(List<RunView.Domain> domains, int i) {
    String kind = domains.get(i).kind;
    switch (kind) {
      case "cpu":
        return BLUE;
      case "dram":
        return GREEN;
      case "psys":
        return SKY;
      case "gpu":
        int g = 0;
        for (int k = 0; k < i; k++) {
          g += "gpu".equals(domains.get(k).kind) ? 1 : 0;
        }
        return GPUS[g % GPUS.length];
      default:
        return BLACK;
    }
  }

  /** The dash pattern of series {@code i} ("" for solid). */
  static String dash(int i) {
    return DASHES[i % DASHES.length];
  }

  static String run(int i) {
    return RUNS[i % RUNS.length];
  }
}
