package dev.jouletrace.probe;

import java.time.Duration;
import java.util.List;

/**
 * A source of cumulative energy for one or more domains.
 *
 * <p>{@link #read} is called on the training thread at every epoch boundary: it must be cheap
 * (microseconds), must not allocate, and must never throw. {@link #sample} is called on the sampler
 * thread at least every {@link #maxSamplePeriod()}; that is where counter wraps are caught, power
 * is integrated and share bookkeeping is updated. Both may run concurrently.
 */
public interface EnergyProbe extends AutoCloseable {

  /** Short name shown by {@code doctor} and in reports, e.g. {@code rapl}, {@code nvml}. */
  String name();

  /** The domains this probe reports, in the order {@link #read} fills its arrays. */
  List<EnergyDomain> domains();

  /**
   * Writes the energy accumulated since this probe was opened, in joules, one entry per domain: the
   * whole device into {@code deviceJoules}, this JVM's attributed share into {@code processJoules}.
   * Both are monotonic (wraps and resets already handled).
   */
  void read(double[] deviceJoules, double[] processJoules);

  /**
   * Whether {@link #read} can block for long: a call into a driver's native library, which a wedged
   * driver can hang. The meter reads such probes on a thread of its own and never lets a training
   * thread wait on one for more than a small bound; the others (files under {@code /sys}, the
   * process CPU clock) are read where they are asked for, without a hand-off between threads
   * (docs/PROBES.md §6).
   */
  default boolean readMayHang() {
    return true;
  }

  /** Periodic work on the sampler thread: wrap watch, power integration, share bookkeeping. */
  void sample();

  /**
   * The longest sampler period at which this probe stays correct (e.g. half the RAPL wrap time).
   */
  Duration maxSamplePeriod();

  /** Releases native handles; idempotent. */
  @Override
  void close();
}
