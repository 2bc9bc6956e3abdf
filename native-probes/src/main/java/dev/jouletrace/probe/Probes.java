package dev.jouletrace.probe;

import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.ProbeDiscovery;

/** Entry point: finds every energy probe this machine offers. */
public final class Probes {
  private Probes() {}

  /**
   * Tries every probe (RAPL, the CPU estimate when RAPL is unusable, NVIDIA GPUs through NVML, AMD
   * GPUs through AMD SMI and, for those it does not measure, amdgpu hwmon, Intel GPUs) and returns
   * the open ones, never double counting, plus a status for every probe tried. Never throws; the
   * caller owns the returned probes and closes them.
   */
  public static DiscoveredProbes discover(ProbeSettings settings) {
    return ProbeDiscovery.discover(ProbeContext.real(settings));
  }
}
