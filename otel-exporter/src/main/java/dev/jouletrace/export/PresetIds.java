package dev.jouletrace.export;

import dev.jouletrace.accounting.SpanIds;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The SDK's id generator, which hands out the ids a run or epoch was given when it opened ({@link
 * SpanIds}) for the span being started on this thread, and random ones otherwise. A Spark driver
 * tells its executors its epoch's ids while the epoch runs, long before the span is written ({@code
 * docs/FRAMEWORKS.md §18}); this is how the span later gets exactly those ids.
 */
final class PresetIds implements IdGenerator {
  public static final PresetIds INSTANCE = new PresetIds();

  private static final IdGenerator RANDOM = IdGenerator.random();
  private static final ThreadLocal<SpanIds> NEXT = new ThreadLocal<>();

  private PresetIds() {}

  /** Runs {@code start} with {@code ids} handed to the span it starts on this thread. */
  static <T> T startWith(SpanIds ids, java.util.function.Supplier<T> start) {
    if (ids == null || (!ids.hasSpan() && !ids.hasTrace())) {
      return start.get();
    }
    NEXT.set(ids);
    try {
      return start.get();
    } finally {
      NEXT.remove();
    }
  }

  @Override
  public String generateSpanId() {
    SpanIds ids = NEXT.get();
    return ids != null && ids.hasSpan() ? SpanId.fromLong(ids.spanId()) : RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    SpanIds ids = NEXT.get();
    return ids != null && ids.hasTrace()
        ? TraceId.fromLongs(ids.traceHigh(), ids.traceLow())
        : RANDOM.generateTraceId();
  }
}
