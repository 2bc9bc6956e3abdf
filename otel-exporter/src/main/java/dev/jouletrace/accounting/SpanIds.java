package dev.jouletrace.accounting;

import java.util.Locale;

/**
 * A span's identity chosen when its window opens, before the span is written: so that a Spark
 * driver can hand its epoch's trace and span id to the executors' tasks while the epoch runs
 * ({@code docs/FRAMEWORKS.md §18}). Zero means "not chosen": the SDK then picks one.
 */
public final class SpanIds {
  public static final SpanIds NONE = new SpanIds(0, 0, 0);

  private final long traceHigh;
  private final long traceLow;
  private final long spanId;

  public SpanIds(long traceHigh, long traceLow, long spanId) {
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.spanId = spanId;
  }

  public long traceHigh() {
    return traceHigh;
  }

  public long traceLow() {
    return traceLow;
  }

  public long spanId() {
    return spanId;
  }

  public boolean hasTrace() {
    return traceHigh != 0 || traceLow != 0;
  }

  public boolean hasSpan() {
    return spanId != 0;
  }

  /** 32 lowercase hex digits, as W3C trace context writes a trace id. */
  public String traceIdHex() {
    return hex(traceHigh) + hex(traceLow);
  }

  /** 16 lowercase hex digits. */
  public String spanIdHex() {
    return hex(spanId);
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "%016x", v);
  }
}
