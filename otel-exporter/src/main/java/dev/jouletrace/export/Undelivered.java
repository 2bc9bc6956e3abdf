package dev.jouletrace.export;

import dev.jouletrace.export.otel.DeliveryLedger;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans that ended but did not reach where {@code otel.traces.exporter} sends them by the exit
 * deadline: dropped by the full export queue, refused or failed, or still on their way; and the
 * metric points handed to {@code otel.metrics.exporter} that did not arrive.
 */
public final class Undelivered {
  static final Undelivered NOTHING = new Undelivered(List.of());

  private final List<DeliveryLedger.Loss> losses;

  Undelivered(List<DeliveryLedger.Loss> losses) {
    this.losses = List.copyOf(losses);
  }

  /** Spans not delivered, summed over destinations (0 when everything arrived). */
  public long spans() {
    return losses.stream().filter(l -> l.isSpans()).mapToLong(DeliveryLedger.Loss::spans).sum();
  }

  /** Metric points not delivered, summed over destinations. */
  public long metricPoints() {
    return losses.stream().filter(l -> !l.isSpans()).mapToLong(DeliveryLedger.Loss::spans).sum();
  }

  /**
   * One line per destination that missed spans or points: "3 spans were not delivered to
   * http://collector:4318/v1/traces: connection refused".
   */
  public List<String> messages() {
    List<String> lines = new ArrayList<>();
    for (DeliveryLedger.Loss loss : losses) {
      lines.add(
          loss.counted()
              + (loss.spans() == 1 ? " was" : " were")
              + " not delivered to "
              + loss.destination()
              + ": "
              + loss.reason());
    }
    return lines;
  }

  @Override
  public String toString() {
    return messages().isEmpty() ? "every span delivered" : String.join("; ", messages());
  }
}
