package dev.jouletrace.probe.internal;

import dev.jouletrace.probe.EnergyProbe;

/** What the tests of the native-library probes do with the probes a discovery opened. */
public final class OpenedProbes {
  private OpenedProbes() {}

  /** One read: {@code [0]} the domains' device energy, {@code [1]} this process's share. */
  public static double[][] read(EnergyProbe p) {
    double[] dev = new double[p.domains().size()];
    double[] proc = new double[dev.length];
    p.read(dev, proc);
    return new double[][] {dev, proc};
  }

  /** Closes the discovery's probes, if any, so that they release the library before the next. */
  public static void close(Discovery discovery) {
    if (discovery != null) {
      discovery.probes().forEach(EnergyProbe::close);
    }
  }
}
