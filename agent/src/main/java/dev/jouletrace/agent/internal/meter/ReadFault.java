package dev.jouletrace.agent.internal.meter;

/**
 * What can go wrong with one probe's reading (docs/PROBES.md §6). A reading with a fault keeps the
 * last good value of the domains concerned, and every window it ends or begins is labelled with the
 * fault's reason.
 */
enum ReadFault {
  /** The probe's read threw. */
  FAILED("read failed"),
  /** NaN, infinite or negative: no cumulative counter has that value. */
  NOT_A_COUNTER("gave a value no counter can have"),
  /** Lower than the last good value, against the probe's promise of monotonic counters. */
  BACKWARDS("went backwards"),
  /** More energy since the last good value than the domain can draw in that time. */
  JUMP("jumped ahead"),
  /** The read did not answer within the training thread's wait; it may still answer. */
  LATE("read late"),
  /** The read has not answered for {@link ProbeReader#HUNG_NANOS}: the probe is no longer read. */
  HUNG("read hung");

  private final String words;

  ReadFault(String words) {
    this.words = words;
  }

  /** The words that follow the probe's name in a reason, e.g. {@code read hung}. */
  String words() {
    return words;
  }
}
