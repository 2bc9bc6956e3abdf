package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import java.time.Instant;
import java.util.List;

/**
 * One validation pass inside an epoch (DJL {@code EasyTrain.evaluateDataset}, a configured {@code
 * validation} target): its window, batches and energy. The epoch's own energy includes it.
 */
public final class ValidationWindow {
  public final Instant start;
  public final Instant end;

  /** Validation batches seen in the window; 0 when the framework does not show them. */
  public final long batches;

  /** {@code completed} or {@code failed}. */
  public final String status;

  public final List<DomainEnergy> energy;

  ValidationWindow(
      Instant start, Instant end, long batches, String status, List<DomainEnergy> energy) {
    this.start = start;
    this.end = end;
    this.batches = batches;
    this.status = status;
    this.energy = List.copyOf(energy);
  }
}
