package dev.jouletrace.probe.internal.cpu;

import dev.jouletrace.probe.ProbeSettings;
import java.io.IOException;

/** Opens the CPU-time sources probes need; injectable so tests can script CPU time. */
public interface CpuTimeSources {

  /** JVM CPU time over the whole host's busy time (for host-wide counters such as RAPL). */
  CpuTimeSource hostWide() throws IOException;

  /** JVM CPU time over the busy time of the CPUs it may use (a limiting cgroup, else the host). */
  CpuTimeSource visibleCpus() throws IOException;

  /** The real machine as described by {@code settings}. */
  static CpuTimeSources of(ProbeSettings settings) {
    return new CpuTimeSources() {
      @Override
      public CpuTimeSource hostWide() throws IOException {
        return HostCpuTimeSource.hostWide(settings);
      }

      @Override
      public CpuTimeSource visibleCpus() throws IOException {
        return HostCpuTimeSource.visibleCpus(settings);
      }
    };
  }
}
