package dev.jouletrace.samples.bench;

import java.util.Locale;

/** What the benchmark programs share: default options and the line format of their timings. */
final class BenchDefaults {
  private BenchDefaults() {}

  /**
   * {@code defaults} followed by {@code args}: options are read left to right, so a value the user
   * gives replaces the default.
   */
  static String[] prepend(String[] args, String... defaults) {
    String[] all = new String[defaults.length + args.length];
    System.arraycopy(defaults, 0, all, 0, defaults.length);
    System.arraycopy(args, 0, all, defaults.length, args.length);
    return all;
  }

  /** Prints {@code <label> <index> <milliseconds> ms}, the line the benchmark scripts parse. */
  static void printMillis(String label, int index, long nanos) {
    System.out.println(String.format(Locale.ROOT, "%s %d %.3f ms", label, index, nanos / 1e6));
  }
}
