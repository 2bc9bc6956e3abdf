package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every probe's cumulative counters at once, and turns two readings into the energy of each
 * domain in between. Epoch energy is a difference of counters read at the boundaries, never an
 * interpolation. The probes are read by the meter's own thread, never by the caller, and a value no
 * counter can give is never charged (docs/PROBES.md §6).
 */
public final class EnergyMeter implements AutoCloseable {
  /** The longest a caller of {@link #read} waits (docs/PROBES.md §6). */
  public static final Duration READ_WAIT = Duration.ofNanos(ProbeReader.WAIT_NANOS);

  private final List<EnergyProbe> probes;
  private final List<EnergyDomain> domains;
  private final int[] offsets;
  private final ProbeReader reader;
  private volatile MeterReading last;

  /** A meter whose probe faults are said on the agent's console. */
  public EnergyMeter(List<EnergyProbe> probes) {
    this(probes, AgentLog::warn);
  }

  /**
   * @param problems where a probe's faults are said, once per probe and kind
   */
  public EnergyMeter(List<EnergyProbe> probes, Consumer<String> problems) {
    this.probes = List.copyOf(probes);
    this.offsets = new int[probes.size()];
    List<EnergyDomain> all = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      offsets[i] = all.size();
      all.addAll(probes.get(i).domains());
    }
    this.domains = List.copyOf(all);
    this.reader = new ProbeReader(this.probes, domains, offsets, problems);
  }

  public List<EnergyDomain> domains() {
    return domains;
  }

  /**
   * One cumulative reading of every domain, taken by the meter's reader thread: the caller waits at
   * most {@link #READ_WAIT}. A probe that fails, hangs or gives a value no counter can have
   * contributes its last good value (0 before any), and the reading says why.
   */
  public MeterReading read() {
    return remember(reader.read(null));
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
    return remember(reader.read(at));
  }

  /** Keeps {@code reading} as the latest unless a later one is kept already (benign race). */
  private MeterReading remember(MeterReading reading) {
    MeterReading kept = last;
    if (reading != null && (kept == null || !reading.time().isBefore(kept.time()))) {
      last = reading;
    }
    return reading;
  }

  /**
   * Why the energy between two readings is not what the counters gave (a reading at either end kept
   * an older value, or one made in between did), else null.
   */
  public static String fault(MeterReading start, MeterReading end) {
    if (end.faulty || end.faults != start.faults) {
      return end.reason;
    }
    return start.faulty ? start.reason : null;
  }

  /**
   * Stops the reader and closes the probes, except one whose read hung (closing could hang too).
   */
  @Override
  public void close() {
    reader.close();
    for (int i = 0; i < probes.size(); i++) {
      if (!reader.abandoned(i)) {
        try {
          probes.get(i).close();
        } catch (RuntimeException e) {
          // closing at exit: nothing is left to protect
        }
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

  /**
   * A window made of energies summed elsewhere (pieces of time); the arrays are the window's. With
   * a {@code fault} (see {@link #fault}) it is labelled estimated with that reason.
   */
  public EnergyWindow window(double[] deviceJoules, double[] processJoules, String fault) {
    return labelled(EnergyWindow.of(domains, deviceJoules, processJoules), fault);
  }

  private static EnergyWindow labelled(EnergyWindow window, String fault) {
    return fault == null ? window : window.estimatedBecause(fault);
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
    return labelled(EnergyWindow.of(domains, device, processJoules), fault(start, end));
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
