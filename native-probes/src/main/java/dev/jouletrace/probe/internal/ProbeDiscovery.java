package dev.jouletrace.probe.internal;

import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.amdsmi.AmdSmiDiscovery;
import dev.jouletrace.probe.internal.cpu.CpuEstimateDiscovery;
import dev.jouletrace.probe.internal.hwmon.HwmonGpuDiscovery;
import dev.jouletrace.probe.internal.nvml.NvmlDiscovery;
import dev.jouletrace.probe.internal.rapl.RaplDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs every probe family in a fixed order and keeps the result free of double counting: the CPU
 * estimate only when RAPL is not usable; amdgpu hwmon only for AMD GPUs that AMD SMI does not
 * measure.
 */
public final class ProbeDiscovery {
  private ProbeDiscovery() {}

  public static DiscoveredProbes discover(ProbeContext ctx) {
    JnaSearchPath.prepare();
    List<EnergyProbe> probes = new ArrayList<>();
    List<ProbeStatus> statuses = new ArrayList<>();
    Discovery rapl =
        attempt(RaplDiscovery.PROBE, RaplDiscovery.MEASURES, RaplDiscovery::discover, ctx);
    add(rapl, probes, statuses);
    if (!rapl.isOpen()) {
      add(
          attempt(
              "cpu-estimate",
              "CPU energy estimated from CPU time",
              c -> CpuEstimateDiscovery.discover(c, rapl.status()),
              ctx),
          probes,
          statuses);
    }
    add(
        attempt(NvmlDiscovery.PROBE, NvmlDiscovery.MEASURES, NvmlDiscovery::discover, ctx),
        probes,
        statuses);
    Discovery amdsmi =
        attempt(AmdSmiDiscovery.PROBE, AmdSmiDiscovery.MEASURES, AmdSmiDiscovery::discover, ctx);
    add(amdsmi, probes, statuses);
    // hwmon integrates only the AMD GPUs whose energy AMD SMI does not measure.
    add(
        attempt(
            HwmonGpuDiscovery.AMD_PROBE,
            HwmonGpuDiscovery.AMD_MEASURES,
            c -> HwmonGpuDiscovery.discoverAmd(c, AmdSmiDiscovery.measuredByAmdSmi(amdsmi, c)),
            ctx),
        probes,
        statuses);
    add(
        attempt(
            HwmonGpuDiscovery.INTEL_PROBE,
            HwmonGpuDiscovery.INTEL_MEASURES,
            HwmonGpuDiscovery::discoverIntel,
            ctx),
        probes,
        statuses);
    return new DiscoveredProbes(probes, statuses);
  }

  private static void add(Discovery d, List<EnergyProbe> probes, List<ProbeStatus> statuses) {
    probes.addAll(d.probes());
    statuses.addAll(d.statuses());
  }

  /** Runs one discovery; whatever it throws (a JNA LinkageError included) becomes a status. */
  static Discovery attempt(
      String probe,
      String measures,
      Function<ProbeContext, Discovery> discovery,
      ProbeContext ctx) {
    try {
      return discovery.apply(ctx);
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t;
      }
      return Discovery.failed(
          ProbeStatus.of(
              probe,
              State.ERROR,
              measures,
              "discovery failed: " + t,
              "report this as a Jouletrace bug with the output of 'doctor'"));
    }
  }
}
