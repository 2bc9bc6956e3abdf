package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every probe's cumulative counters at once, and turns two readings into the energy of each
 * domain in between. Epoch energy is a difference of counters read at the boundaries, never an
 * interpolation.
 */
public final class EnergyMeter {
  private final List<EnergyProbe> probes;
  private final List<EnergyDomain> domains;
  private final int[] offsets;

  /**
   * The last reading, whose values stand in for a probe that fails or reads a value a cumulative
   * counter cannot have (NaN, infinite, negative, lower than before), so that no later difference
   * charges one window with what the counter gathered while it could not be read. Written by the
   * training thread and the sampler: a race can only put back an older reading, never a wrong one.
   */
  private volatile MeterReading last;

  public EnergyMeter(List<EnergyProbe> probes) {
    this.probes = List.copyOf(probes);
    this.offsets = new int[probes.size()];
    List<EnergyDomain> all = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      offsets[i] = all.size();
      all.addAll(probes.get(i).domains());
    }
    this.domains = List.copyOf(all);
  }

  public List<EnergyDomain> domains() {
    return domains;
  }

  /**
   * One cumulative reading of every domain; a probe that fails, or a value no counter can have,
   * contributes the last good value (0 before any).
   */
  public MeterReading read() {
    return readAt(null);
  }

  /** The latest reading taken, by the training thread or the sampler; null before any. */
  public MeterReading latest() {
    return last;
  }

  /**
   * On the sampler thread: reads the meter when its latest reading is {@code maxAge} old or more,
   * so that what the metrics report is never older than that (an epoch boundary reads it anyway).
   */
  public void refresh(Instant now, Duration maxAge) {
    MeterReading reading = last;
    if (reading == null || Duration.between(reading.time(), now).compareTo(maxAge) >= 0) {
      readAt(now);
    }
  }

  /** A reading stamped {@code at} (the sampler's tick time), or now when null. */
  MeterReading readAt(Instant at) {
    double[] device = new double[domains.size()];
    double[] process = new double[domains.size()];
    for (int i = 0; i < probes.size(); i++) {
      EnergyProbe probe = probes.get(i);
      int n = probe.domains().size();
      double[] d = new double[n];
      double[] p = new double[n];
      try {
        probe.read(d, p);
      } catch (RuntimeException e) {
        // read() is specified not to throw; a broken probe must still not stop the training
        Arrays.fill(d, Double.NaN);
        Arrays.fill(p, Double.NaN);
      }
      System.arraycopy(d, 0, device, offsets[i], n);
      System.arraycopy(p, 0, process, offsets[i], n);
    }
    MeterReading previous = last;
    keepCounting(device, previous == null ? null : previous.deviceJoules);
    keepCounting(process, previous == null ? null : previous.processJoules);
    MeterReading reading = new MeterReading(at != null ? at : Instant.now(), device, process);
    last = reading;
    return reading;
  }

  /** Replaces each value a cumulative counter cannot have by the last good one (0 before any). */
  private static void keepCounting(double[] values, double[] before) {
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      double b = before == null ? 0 : before[i];
      if (!(v >= b) || Double.isInfinite(v)) {
        values[i] = b;
      }
    }
  }

  /**
   * Adds {@code share} of each domain's process energy between two readings to {@code into}; no
   * allocation.
   */
  public void addProcessEnergy(MeterReading start, MeterReading end, double share, double[] into) {
    for (int i = 0; i < into.length && i < domains.size(); i++) {
      into[i] += share * Math.max(0, end.processJoules[i] - start.processJoules[i]);
    }
  }

  /** Adds each domain's whole-device energy between two readings to {@code into}; no allocation. */
  public void addDeviceEnergy(MeterReading start, MeterReading end, double[] into) {
    for (int i = 0; i < into.length && i < domains.size(); i++) {
      into[i] += Math.max(0, end.deviceJoules[i] - start.deviceJoules[i]);
    }
  }

  /** A window made of energies summed elsewhere (pieces of time); the arrays are the window's. */
  public EnergyWindow window(double[] deviceJoules, double[] processJoules) {
    return EnergyWindow.of(domains, deviceJoules, processJoules);
  }

  /**
   * Energy of each domain over a window: the devices' whole energy between the readings, and the
   * process energy given (a share computed elsewhere; owned by the window from now on).
   */
  public EnergyWindow window(MeterReading start, MeterReading end, double[] processJoules) {
    double[] device = new double[domains.size()];
    for (int i = 0; i < device.length; i++) {
      device[i] = Math.max(0, end.deviceJoules[i] - start.deviceJoules[i]);
    }
    return EnergyWindow.of(domains, device, processJoules);
  }

  /** This JVM's energy over all domains between two readings. */
  public double processTotal(MeterReading start, MeterReading end) {
    double sum = 0;
    for (int i = 0; i < domains.size(); i++) {
      sum += Math.max(0, end.processJoules[i] - start.processJoules[i]);
    }
    return sum;
  }

  /** Energy of each domain between two readings of this meter. */
  public EnergyWindow window(MeterReading start, MeterReading end) {
    double[] process = new double[domains.size()];
    for (int i = 0; i < process.length; i++) {
      process[i] = Math.max(0, end.processJoules[i] - start.processJoules[i]);
    }
    return window(start, end, process);
  }
}
