package dev.jouletrace.probe.internal.cpu;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * CPU energy estimated from CPU time when no counter is readable: energy = CPU seconds × watts per
 * core, the per-core term of Green Algorithms' E = t × n_cores × P_core × u (Lannelongue et al.,
 * Adv. Sci. 2021; 12 W per core by default). CPU seconds already are n_cores × u × t.
 *
 * <p>Process joules = this JVM's CPU seconds × W (read on the training thread through {@code
 * getProcessCpuTime}, about 1 µs). Device joules = busy CPU seconds of the visible CPUs × W, taken
 * from /proc/stat (or the limiting cgroup) only in {@link #sample()}; between samples the device
 * figure grows by the JVM's own growth, so it never falls below the process figure.
 */
public final class CpuEstimateProbe implements EnergyProbe {
  public static final String PROBE = "cpu-estimate";
  public static final String ATTRIBUTION = "process-cpu-time-x-watts-per-core";
  private static final double NANOS_PER_SECOND = 1e9;

  private final CpuTimeSource cpu;
  private final double wattsPerCore;
  private final List<EnergyDomain> domains;
  private final long processStartNanos;
  private final long busyStartNanos;

  // Guarded by this.
  private long processAtSampleNanos;
  private double deviceAtSampleJoules;
  private double lastDeviceJoules;
  private double lastProcessJoules;
  private int sampleFailures;

  public CpuEstimateProbe(CpuTimeSource cpu, double wattsPerCore) throws IOException {
    this.cpu = cpu;
    this.wattsPerCore = wattsPerCore;
    long p = cpu.processCpuNanos();
    if (p < 0) {
      throw new IOException("this JVM does not report its process CPU time");
    }
    this.processStartNanos = p;
    this.busyStartNanos = cpu.busyCpuNanos();
    this.processAtSampleNanos = p;
    this.domains =
        List.of(
            EnergyDomain.of(
                "cpu:estimate",
                DomainKind.CPU,
                "CPU time × "
                    + wattsPerCore
                    + " W per core (busy time from "
                    + cpu.busySource()
                    + ")",
                EnergyMethod.ESTIMATED,
                ATTRIBUTION));
  }

  @Override
  public String name() {
    return PROBE;
  }

  @Override
  public List<EnergyDomain> domains() {
    return domains;
  }

  @Override
  public synchronized void read(double[] deviceJoules, double[] processJoules) {
    long p = cpu.processCpuNanos();
    double process = lastProcessJoules;
    double device = lastDeviceJoules;
    if (p >= processStartNanos) {
      process = Math.max(process, (p - processStartNanos) / NANOS_PER_SECOND * wattsPerCore);
      double sinceSample = Math.max(0, p - processAtSampleNanos) / NANOS_PER_SECOND;
      device = Math.max(device, deviceAtSampleJoules + sinceSample * wattsPerCore);
    }
    device = Math.max(device, process);
    lastProcessJoules = process;
    lastDeviceJoules = device;
    deviceJoules[0] = device;
    processJoules[0] = process;
  }

  /** Files under {@code /sys} (or the process CPU clock): no driver call that can hang. */
  @Override
  public boolean readMayHang() {
    return false;
  }

  @Override
  public synchronized void sample() {
    long p = cpu.processCpuNanos();
    long busy;
    try {
      busy = cpu.busyCpuNanos();
    } catch (IOException | RuntimeException e) {
      sampleFailures++;
      return;
    }
    double device = Math.max(0, busy - busyStartNanos) / NANOS_PER_SECOND * wattsPerCore;
    deviceAtSampleJoules = Math.max(device, lastDeviceJoules);
    if (p >= 0) {
      processAtSampleNanos = p;
    }
  }

  @Override
  public Duration maxSamplePeriod() {
    // Nothing wraps; the period only bounds how stale the device figure can get.
    return Duration.ofSeconds(1);
  }

  /** Failed sampler reads so far. */
  public synchronized int sampleFailures() {
    return sampleFailures;
  }

  @Override
  public void close() {
    cpu.close();
  }
}
