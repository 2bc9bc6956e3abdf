package dev.jouletrace.probe;

import java.util.Collections;
import java.util.List;

/** The outcome of probe discovery: the probes to read, and a status line for every probe tried. */
public final class DiscoveredProbes implements AutoCloseable {
  private final List<EnergyProbe> probes;
  private final List<ProbeStatus> statuses;

  public DiscoveredProbes(List<EnergyProbe> probes, List<ProbeStatus> statuses) {
    this.probes = Collections.unmodifiableList(List.copyOf(probes));
    this.statuses = Collections.unmodifiableList(List.copyOf(statuses));
  }

  /** Probes that are open and readable; never double counting (e.g. psys xor package+dram). */
  public List<EnergyProbe> probes() {
    return probes;
  }

  /** One status per probe tried, including those that were absent or denied. */
  public List<ProbeStatus> statuses() {
    return statuses;
  }

  /** Whether anything is measured or integrated rather than estimated. */
  public boolean anyMeasured() {
    for (EnergyProbe p : probes) {
      for (EnergyDomain d : p.domains()) {
        if (d.method() != EnergyMethod.ESTIMATED) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    for (EnergyProbe p : probes) {
      p.close();
    }
  }
}
