package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.DomainEnergy;
import java.time.Instant;
import java.util.List;

/**
 * One training batch measured on its own ({@code jouletrace.batch.spans} {@code sampled} or {@code
 * all}): its position in the epoch, window and energy. Costs two meter reads on the training
 * thread, which is why it is off by default.
 */
public final class BatchWindow {
  /** 0-based position of the batch in its epoch. */
  public final long index;

  public final Instant start;
  public final Instant end;
  public final List<DomainEnergy> energy;

  /** The batch's loss where the framework shows it (DL4J), else null. */
  public final Double loss;

  BatchWindow(long index, Instant start, Instant end, List<DomainEnergy> energy, Double loss) {
    this.index = index;
    this.start = start;
    this.end = end;
    this.energy = List.copyOf(energy);
    this.loss = loss;
  }
}
