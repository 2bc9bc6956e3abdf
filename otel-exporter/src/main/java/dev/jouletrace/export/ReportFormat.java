package dev.jouletrace.export;

import java.util.Locale;

/** The local report files that can be written ({@code jouletrace.report.formats}). */
public enum ReportFormat {
  /** {@code report.json}, rendered from {@code epochs.jsonl}, which is appended once per epoch. */
  JSON,
  /** {@code epochs.csv}, appended once per epoch. */
  CSV,
  /** {@code report.html}, one page with charts. */
  HTML;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** {@code json}, {@code csv}, {@code html}. */
  public String label() {
    return label;
  }
}
