package dev.jouletrace.probe.internal.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Busy CPU time of the cgroup v2 this JVM runs in, from {@code cpu.stat usage_usec}.
 *
 * <p>Used only when that cgroup (or an ancestor up to the mount point) sets a {@code cpu.max}
 * quota: then the CPUs this JVM can burn are the container's allotment, not the host's, and the
 * host-wide {@code /proc/stat} (which is not namespaced) would describe other tenants' work.
 */
final class CgroupCpuUsage {
  private final Path cpuStat;

  private CgroupCpuUsage(Path cpuStat) {
    this.cpuStat = cpuStat;
  }

  /**
   * The limiting cgroup of this process, if it is on cgroup v2 and something above it caps CPU.
   *
   * @param procSelfCgroup {@code /proc/self/cgroup}
   * @param cgroupRoot the cgroup v2 mount, {@code /sys/fs/cgroup}
   */
  static Optional<CgroupCpuUsage> findLimiting(Path procSelfCgroup, Path cgroupRoot) {
    try {
      List<String> lines = Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8);
      for (String line : lines) {
        // cgroup v2 has a single "0::<path>" entry (Documentation/admin-guide/cgroup-v2.rst).
        if (!line.startsWith("0::")) {
          continue;
        }
        String rel = line.substring(3);
        while (rel.startsWith("/")) {
          rel = rel.substring(1);
        }
        Path dir = rel.isEmpty() ? cgroupRoot : cgroupRoot.resolve(rel).normalize();
        if (!dir.startsWith(cgroupRoot) || !Files.isRegularFile(dir.resolve("cpu.stat"))) {
          return Optional.empty();
        }
        for (Path p = dir; p != null && p.startsWith(cgroupRoot); p = p.getParent()) {
          if (hasQuota(p.resolve("cpu.max"))) {
            return Optional.of(new CgroupCpuUsage(dir.resolve("cpu.stat")));
          }
        }
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      // No readable cgroup information: the host-wide figure is the only one there is.
    }
    return Optional.empty();
  }

  private static boolean hasQuota(Path cpuMax) throws IOException {
    if (!Files.isRegularFile(cpuMax)) {
      return false;
    }
    String text = new String(Files.readAllBytes(cpuMax), StandardCharsets.US_ASCII).trim();
    // "max 100000" means unlimited; "200000 100000" means two CPUs' worth.
    return !text.isEmpty() && !text.startsWith("max");
  }

  long busyNanos() throws IOException {
    for (String line : Files.readAllLines(cpuStat, StandardCharsets.US_ASCII)) {
      if (line.startsWith("usage_usec ")) {
        try {
          return Long.parseLong(line.substring("usage_usec ".length()).trim()) * 1_000L;
        } catch (NumberFormatException e) {
          throw new IOException("bad usage_usec in " + cpuStat, e);
        }
      }
    }
    throw new IOException("no usage_usec in " + cpuStat);
  }

  Path cpuStat() {
    return cpuStat;
  }
}
