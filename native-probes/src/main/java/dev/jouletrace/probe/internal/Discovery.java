package dev.jouletrace.probe.internal;

import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** What one probe family's discovery produced: open probes (possibly none) and their statuses. */
public final class Discovery {
  private final List<EnergyProbe> probes;
  private final List<ProbeStatus> statuses;

  private Discovery(List<EnergyProbe> probes, List<ProbeStatus> statuses) {
    this.probes = Collections.unmodifiableList(new ArrayList<>(probes));
    this.statuses = Collections.unmodifiableList(new ArrayList<>(statuses));
  }

  public static Discovery of(EnergyProbe probe, ProbeStatus status) {
    return new Discovery(List.of(probe), List.of(status));
  }

  public static Discovery failed(ProbeStatus status) {
    return new Discovery(List.of(), List.of(status));
  }

  public static Discovery of(List<EnergyProbe> probes, List<ProbeStatus> statuses) {
    return new Discovery(probes, statuses);
  }

  /**
   * Opens probes on a native library that was just initialised. The probes own the library from
   * then on and release it when closed; when none opens, or opening throws, nobody would, so it is
   * released here.
   */
  public static Discovery openOrRelease(Supplier<Discovery> open, Runnable release) {
    try {
      Discovery d = open.get();
      if (!d.isOpen()) {
        release.run();
      }
      return d;
    } catch (RuntimeException | LinkageError e) {
      release.run();
      throw e;
    }
  }

  public List<EnergyProbe> probes() {
    return probes;
  }

  public List<ProbeStatus> statuses() {
    return statuses;
  }

  /** The first status; discoveries of a single probe have exactly one. */
  public ProbeStatus status() {
    return statuses.get(0);
  }

  public boolean isOpen() {
    return !probes.isEmpty();
  }
}
