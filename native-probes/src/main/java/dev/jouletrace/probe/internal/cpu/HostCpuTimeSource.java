package dev.jouletrace.probe.internal.cpu;

import dev.jouletrace.probe.ProbeSettings;
import java.io.IOException;
import java.util.Optional;

/** {@link CpuTimeSource} of the real machine: the JVM's CPU time over /proc/stat or a cgroup. */
public final class HostCpuTimeSource implements CpuTimeSource {
  private final ProcessCpuClock process;
  private final ProcStatBusyTime procStat;
  private final CgroupCpuUsage cgroup;
  private final String busySource;

  private HostCpuTimeSource(
      ProcessCpuClock process, ProcStatBusyTime procStat, CgroupCpuUsage cgroup, String source) {
    this.process = process;
    this.procStat = procStat;
    this.cgroup = cgroup;
    this.busySource = source;
  }

  /**
   * Busy time of the whole host, from {@code /proc/stat}: the denominator for sharing out a
   * host-wide counter such as RAPL, whose package energy includes every tenant's work.
   */
  public static HostCpuTimeSource hostWide(ProbeSettings s) throws IOException {
    ProcStatBusyTime stat = ProcStatBusyTime.open(s.procRoot().resolve("stat"));
    return new HostCpuTimeSource(new ProcessCpuClock(), stat, null, stat.toString());
  }

  /**
   * Busy time of the CPUs this JVM may use: the limiting cgroup v2's {@code usage_usec} when a
   * {@code cpu.max} quota applies (a container), otherwise the host's {@code /proc/stat}.
   */
  public static HostCpuTimeSource visibleCpus(ProbeSettings s) throws IOException {
    Optional<CgroupCpuUsage> cg =
        CgroupCpuUsage.findLimiting(s.procRoot().resolve("self").resolve("cgroup"), s.cgroupRoot());
    if (cg.isPresent()) {
      cg.get().busyNanos();
      return new HostCpuTimeSource(
          new ProcessCpuClock(), null, cg.get(), "cgroup v2 " + cg.get().cpuStat());
    }
    return hostWide(s);
  }

  /** Whether this JVM can report its own CPU time. */
  public boolean processTimeSupported() {
    return process.isSupported();
  }

  @Override
  public long processCpuNanos() {
    return process.nanos();
  }

  @Override
  public long busyCpuNanos() throws IOException {
    return cgroup != null ? cgroup.busyNanos() : procStat.busyNanos();
  }

  @Override
  public String busySource() {
    return busySource;
  }

  @Override
  public void close() {
    if (procStat != null) {
      procStat.close();
    }
  }
}
