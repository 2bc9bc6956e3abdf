package dev.jouletrace.agent.internal.lifecycle;

import java.util.Locale;

/** Which training batches are measured on their own ({@code jouletrace.batch.spans}). */
public enum BatchSpans {
  /** None: batches are only counted (the default; nothing happens per batch but a count). */
  OFF,
  /** The first batch of each epoch and every {@link #SAMPLE_EVERY}th after it. */
  SAMPLED,
  /** Every batch: two meter reads per batch on the training thread. */
  ALL;

  public static final int SAMPLE_EVERY = 100;

  /** Whether the batch at {@code index} (0-based in its epoch) is measured. */
  boolean measures(long index) {
    switch (this) {
      case ALL:
        return true;
      case SAMPLED:
        return index % SAMPLE_EVERY == 0;
      default:
        return false;
    }
  }

  public static BatchSpans of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
