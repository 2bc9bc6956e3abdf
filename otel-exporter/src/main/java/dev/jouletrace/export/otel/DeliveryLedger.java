package dev.jouletrace.export.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts, for one SDK, every span that ended and what each exporter did with it: delivered, failed
 * (and why), still in flight, or never sent. At exit it says, per destination, how many spans did
 * not arrive and why.
 */
public final class DeliveryLedger {
  static final String NO_ANSWER_AT_DEADLINE = "no answer before the exit deadline";
  static final String QUEUED_AT_DEADLINE = "still queued at the exit deadline";
  static final String QUEUE_FULL = "dropped because the export queue was full";

  private final AtomicLong ended = new AtomicLong();
  private final List<Destination> destinations = new CopyOnWriteArrayList<>();
  private final List<Destination> metricDestinations = new CopyOnWriteArrayList<>();
  private volatile SenderState latestSender;

  /** The OTLP sender of the exporter being built reports its endpoint and attempts here. */
  SenderState senderCreated(URI endpoint) {
    SenderState sender = new SenderState(endpoint);
    latestSender = sender;
    return sender;
  }

  /** A processor that counts every sampled span that ends: what each exporter should deliver. */
  public SpanProcessor endedSpans() {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
          ended.incrementAndGet();
        }
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }

  /** {@code exporter}, counting what it delivers; call it once per exporter, as it is built. */
  public SpanExporter track(SpanExporter exporter) {
    Destination destination;
    if (exporter instanceof ConsoleSpanExporter) {
      destination = new Destination("standard error (console)", null);
    } else if (exporter instanceof OtlpJsonSpanExporter) {
      destination = new Destination("standard error (logging-otlp)", null);
    } else {
      destination = destination(exporter, exporter instanceof OtlpHttpSpanExporter);
    }
    destinations.add(destination);
    return new CountingSpanExporter(exporter, destination);
  }

  /**
   * {@code exporter}, counting the metric points it delivers; call it once per exporter, as it is
   * built.
   */
  public MetricExporter trackMetrics(MetricExporter exporter) {
    Destination destination;
    if (exporter instanceof StreamMetricExporter) {
      destination = new Destination("standard error (metrics)", null);
    } else {
      destination = destination(exporter, exporter instanceof OtlpHttpMetricExporter);
    }
    metricDestinations.add(destination);
    return new CountingMetricExporter(exporter, destination);
  }

  private Destination destination(Object exporter, boolean otlp) {
    SenderState sender = latestSender;
    latestSender = null;
    if (otlp && sender != null) {
      // the sender was created while this exporter was built, just before this call
      return new Destination(sender.endpoint().toString(), sender);
    }
    return new Destination(exporter.getClass().getSimpleName(), null);
  }

  /**
   * "connection refused", "HTTP 503 Service Unavailable", ...: our sender's own words when the
   * failure came from it, else what the exporter says.
   */
  static String describe(Throwable failure, Destination destination) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExportFailure) {
        return cause.getMessage();
      }
    }
    // an answer that was not a success: the OTLP exporter wraps the response, not an exception
    SenderState sender = destination.sender;
    if (sender != null && sender.lastAttemptFailure() != null) {
      return sender.lastAttemptFailure();
    }
    return failure == null ? "the exporter reported a failure" : failure.toString();
  }

  static String describe(CompletableResultCode result, Destination destination) {
    return describe(result.getFailureThrowable(), destination);
  }

  /**
   * For each metric destination that did not get every point handed to it by the deadline: how many
   * and why (points of a collection that never reached the exporter are not counted).
   */
  public List<Loss> metricLosses() {
    List<Loss> losses = new ArrayList<>();
    for (Destination destination : metricDestinations) {
      long missing = destination.handed.get() - destination.delivered.get();
      if (missing <= 0) {
        continue;
      }
      Map<String, Long> reasons = new LinkedHashMap<>(destination.failures());
      long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
      long inFlight = missing - failed;
      if (inFlight > 0) {
        String lastAttempt =
            destination.sender == null ? null : destination.sender.lastAttemptFailure();
        reasons.merge(
            lastAttempt != null ? lastAttempt : NO_ANSWER_AT_DEADLINE, inFlight, Long::sum);
      }
      losses.add(new Loss(destination.name, missing, reasons, "metric point"));
    }
    return losses;
  }

  /**
   * For each destination that did not get every ended span: how many and why.
   *
   * @param flushFinished whether the final flush ended before the deadline; if so, spans never
   *     handed to the exporter were dropped by the full queue rather than still waiting in it
   */
  public List<Loss> losses(boolean flushFinished) {
    long endedSpans = ended.get();
    List<Loss> losses = new ArrayList<>();
    for (Destination destination : destinations) {
      long missing = endedSpans - destination.delivered.get();
      if (missing <= 0) {
        continue;
      }
      Map<String, Long> reasons = new LinkedHashMap<>(destination.failures());
      long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
      long inFlight = destination.handed.get() - destination.delivered.get() - failed;
      if (inFlight > 0) {
        String lastAttempt =
            destination.sender == null ? null : destination.sender.lastAttemptFailure();
        reasons.merge(
            lastAttempt != null ? lastAttempt : NO_ANSWER_AT_DEADLINE, inFlight, Long::sum);
      }
      long unsent = missing - failed - Math.max(0, inFlight);
      if (unsent > 0) {
        reasons.merge(flushFinished ? QUEUE_FULL : QUEUED_AT_DEADLINE, unsent, Long::sum);
      }
      losses.add(new Loss(destination.name, missing, reasons, "span"));
    }
    return losses;
  }

  /** Spans, or metric points, that one destination did not get. */
  public static final class Loss {
    private final String destination;
    private final long spans;
    private final Map<String, Long> reasons;
    private final String unit;

    Loss(String destination, long spans, Map<String, Long> reasons, String unit) {
      this.destination = destination;
      this.spans = spans;
      this.reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
      this.unit = unit;
    }

    /** "3 spans", "1 metric point". */
    public String counted() {
      return spans + " " + unit + (spans == 1 ? "" : "s");
    }

    public boolean isSpans() {
      return unit.equals("span");
    }

    /** The OTLP endpoint, or where a console exporter writes. */
    public String destination() {
      return destination;
    }

    public long spans() {
      return spans;
    }

    /** "connection refused", or several reasons with their span counts. */
    public String reason() {
      if (reasons.size() == 1) {
        return reasons.keySet().iterator().next();
      }
      StringBuilder text = new StringBuilder();
      reasons.forEach(
          (reason, spans) -> {
            if (text.length() > 0) {
              text.append("; ");
            }
            text.append(reason)
                .append(" (")
                .append(spans)
                .append(' ')
                .append(unit)
                .append(spans == 1 ? "" : "s")
                .append(')');
          });
      return text.toString();
    }

    /** "1 span", "3 spans". */
    public static String count(long spans) {
      return spans + (spans == 1 ? " span" : " spans");
    }
  }

  /** One exporter's counts. */
  static final class Destination {
    final String name;
    final SenderState sender;
    final AtomicLong handed = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    private final Map<String, Long> failures = new LinkedHashMap<>();

    Destination(String name, SenderState sender) {
      this.name = name;
      this.sender = sender;
    }

    /**
     * Hands {@code count} items (spans or metric points) to an exporter through {@code export} and
     * books what becomes of them: delivered when its result succeeds, failed with the reason
     * otherwise, or when the exporter throws.
     */
    CompletableResultCode track(long count, Supplier<CompletableResultCode> export) {
      handed.addAndGet(count);
      CompletableResultCode result;
      try {
        result = export.get();
      } catch (RuntimeException e) {
        failed(count, describe(e, this));
        return CompletableResultCode.ofExceptionalFailure(e);
      }
      result.whenComplete(
          () -> {
            if (result.isSuccess()) {
              delivered.addAndGet(count);
            } else {
              failed(count, describe(result, this));
            }
          });
      return result;
    }

    synchronized void failed(long spans, String reason) {
      failures.merge(reason, spans, Long::sum);
    }

    synchronized Map<String, Long> failures() {
      return new LinkedHashMap<>(failures);
    }
  }
}
