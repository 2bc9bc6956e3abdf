package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.SpanIds;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the ids of run and epoch spans when the run or epoch opens (random, never zero, no
 * allocation for a span id), so that a Spark driver can hand them to its executors' tasks while the
 * epoch runs ({@code docs/FRAMEWORKS.md §18}). A W3C {@code TRACEPARENT} in the environment gives
 * every run of this JVM that trace, as the run span is then that parent's child.
 */
final class SpanIdSource {
  private static volatile long[] parentTrace = parentTrace(System.getenv("TRACEPARENT"));

  private SpanIdSource() {}

  static long nextSpanId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }

  /** A run's ids: the parent's trace when the environment names one, else a new trace. */
  static SpanIds newRun() {
    long[] parent = parentTrace;
    if (parent != null) {
      return new SpanIds(parent[0], parent[1], nextSpanId());
    }
    long high = ThreadLocalRandom.current().nextLong();
    return new SpanIds(high, nextSpanId(), nextSpanId());
  }

  /**
   * The trace the exporter resolved for run spans (from {@code TRACEPARENT}, {@code
   * jouletrace.otel.parent} or another propagator), so that the ids handed out at run start are in
   * the trace the run span lands in; null keeps what the environment gave.
   */
  static void useParentTrace(String traceIdHex) {
    if (traceIdHex != null) {
      long[] parsed = parentTrace("00-" + traceIdHex + "-0000000000000001-01");
      if (parsed != null) {
        parentTrace = parsed;
      }
    }
  }

  /** The trace id of a W3C {@code traceparent} value ({@code 00-<32 hex>-<16 hex>-<2 hex>}). */
  static long[] parentTrace(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.trim().split("-");
    if (parts.length < 4 || parts[1].length() != 32 || parts[2].length() != 16) {
      return null;
    }
    try {
      long high = Long.parseUnsignedLong(parts[1].substring(0, 16), 16);
      long low = Long.parseUnsignedLong(parts[1].substring(16), 16);
      return high == 0 && low == 0 ? null : new long[] {high, low};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
