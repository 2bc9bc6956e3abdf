package dev.jouletrace.probe.internal.cpu;

import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.ProbeContext;
import java.io.IOException;

/** Opens the CPU estimate, and says why it is needed: the reason RAPL could not be used. */
public final class CpuEstimateDiscovery {
  private CpuEstimateDiscovery() {}

  /**
   * @param rapl the status of the measured CPU probe, which was not usable; its detail and remedy
   *     become this status's explanation
   */
  public static Discovery discover(ProbeContext ctx, ProbeStatus rapl) {
    double watts = ctx.settings().cpuWattsPerCore();
    String measures =
        "CPU energy estimated as CPU seconds × "
            + watts
            + " W per core (Green Algorithms 2022 reference)";
    String why =
        "CPU energy is estimated, not measured, because RAPL is "
            + rapl.state().label()
            + ": "
            + rapl.detail();
    CpuTimeSource cpu = null;
    try {
      cpu = ctx.cpuTimes().visibleCpus();
      CpuEstimateProbe probe = new CpuEstimateProbe(cpu, watts);
      return Discovery.of(
          probe,
          ProbeStatus.of(
              CpuEstimateProbe.PROBE,
              State.OK,
              measures,
              why + " (busy time from " + cpu.busySource() + ")",
              rapl.remedy()));
    } catch (IOException | RuntimeException e) {
      if (cpu != null) {
        cpu.close();
      }
      return Discovery.failed(
          ProbeStatus.of(
              CpuEstimateProbe.PROBE,
              State.UNSUPPORTED,
              measures,
              why + "; and CPU time cannot be read either: " + e.getMessage(),
              "run on a JVM that implements com.sun.management.OperatingSystemMXBean (HotSpot,"
                  + " OpenJ9) with /proc mounted; "
                  + rapl.remedy()));
    }
  }
}
