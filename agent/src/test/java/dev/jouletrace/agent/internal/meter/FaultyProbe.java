package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-domain probe with a true counter the test advances, whose next read the test can make
 * throw, give a chosen value, or hang until released (a native call that never returns).
 */
public final class FaultyProbe implements EnergyProbe {
  private final String name;
  private final EnergyDomain domain;
  private volatile double trueJoules;
  private volatile double shift;
  private volatile Double nextValue;
  private volatile boolean throwNext;
  private volatile boolean hang;
  private final CountDownLatch release = new CountDownLatch(1);
  public volatile int reads;
  public volatile boolean closed;

  public FaultyProbe(String name, String id, DomainKind kind) {
    this.name = name;
    this.domain = EnergyDomain.of(id, kind, "faulty " + id, EnergyMethod.MEASURED, "device-total");
  }

  /** The energy the device really drew. */
  public FaultyProbe advance(double joules) {
    trueJoules += joules;
    return this;
  }

  /**
   * From now on the counter reads {@code joules} more than the energy drawn (a restart, a shift).
   */
  public void shift(double joules) {
    shift += joules;
  }

  /** The next read gives {@code value} instead of the true counter. */
  public void nextReads(double value) {
    nextValue = value;
  }

  public void nextThrows() {
    throwNext = true;
  }

  /** Every read from now on blocks until {@link #release()} (or 60 s). */
  public void hangs() {
    hang = true;
  }

  public void release() {
    release.countDown();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<EnergyDomain> domains() {
    return List.of(domain);
  }

  @Override
  public void read(double[] device, double[] process) {
    reads++;
    if (hang) {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (throwNext) {
      throwNext = false;
      throw new IllegalStateException("driver said no");
    }
    Double v = nextValue;
    nextValue = null;
    device[0] = v != null ? v : trueJoules + shift;
    process[0] = device[0];
  }

  @Override
  public void sample() {}

  @Override
  public Duration maxSamplePeriod() {
    return Duration.ofSeconds(1);
  }

  @Override
  public void close() {
    closed = true;
  }
}
