package dev.jouletrace.probe.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jouletrace.probe.ProbeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCpuTimeSourceTest {
  @TempDir Path tmp;

  private Path proc() throws IOException {
    Path proc = tmp.resolve("proc");
    Files.createDirectories(proc.resolve("self"));
    return proc;
  }

  @Test
  void busyTimeCountsUserNiceSystemIrqSoftirqButNotIdleIowaitOrSteal() throws IOException {
    Path proc = proc();
    // user nice system idle iowait irq softirq steal guest guest_nice
    Files.writeString(
        proc.resolve("stat"),
        "cpu  100 20 30 4000 50 6 7 800 9 10\ncpu0 50 10 15 2000 25 3 3 400 4 5\nintr 1 2 3\n");

    try (HostCpuTimeSource s =
        HostCpuTimeSource.hostWide(ProbeSettings.builder().procRoot(proc).build())) {
      assertThat(s.busyCpuNanos()).isEqualTo((100 + 20 + 30 + 6 + 7) * 10_000_000L);
      Files.writeString(proc.resolve("stat"), "cpu  200 20 30 4000 50 6 7 800 9 10\n");
      assertThat(s.busyCpuNanos()).isEqualTo((200 + 20 + 30 + 6 + 7) * 10_000_000L);
      assertThat(s.busySource()).endsWith("stat");
    }
  }

  @Test
  void malformedProcStatIsAnIoError() throws IOException {
    Path proc = proc();
    Files.writeString(proc.resolve("stat"), "intr 1 2 3\n");
    ProbeSettings settings = ProbeSettings.builder().procRoot(proc).build();
    assertThatThrownBy(() -> HostCpuTimeSource.hostWide(settings))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("aggregate cpu line");
  }

  @Test
  void limitingCgroupV2SuppliesTheBusyTimeOfVisibleCpus() throws IOException {
    Path proc = proc();
    Files.writeString(proc.resolve("stat"), "cpu  1 0 0 0 0 0 0 0 0 0\n");
    Files.writeString(proc.resolve("self").resolve("cgroup"), "0::/kubepods/pod1/ctr\n");
    Path cg = tmp.resolve("cgroup");
    Path pod = cg.resolve("kubepods/pod1");
    Files.createDirectories(pod.resolve("ctr"));
    Files.writeString(pod.resolve("cpu.max"), "200000 100000\n"); // two CPUs on the pod
    Files.writeString(pod.resolve("ctr/cpu.max"), "max 100000\n");
    Files.writeString(
        pod.resolve("ctr/cpu.stat"), "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n");

    ProbeSettings settings = ProbeSettings.builder().procRoot(proc).cgroupRoot(cg).build();
    try (HostCpuTimeSource s = HostCpuTimeSource.visibleCpus(settings)) {
      assertThat(s.busyCpuNanos()).isEqualTo(123_456_000L);
      assertThat(s.busySource()).startsWith("cgroup v2 ").endsWith("ctr/cpu.stat");
    }
    try (HostCpuTimeSource s = HostCpuTimeSource.hostWide(settings)) {
      assertThat(s.busyCpuNanos()).isEqualTo(10_000_000L);
    }
  }

  @Test
  void unlimitedCgroupFallsBackToProcStat() throws IOException {
    Path proc = proc();
    Files.writeString(proc.resolve("stat"), "cpu  3 0 0 0 0 0 0 0 0 0\n");
    Files.writeString(proc.resolve("self").resolve("cgroup"), "0::/user.slice\n");
    Path cg = tmp.resolve("cgroup");
    Files.createDirectories(cg.resolve("user.slice"));
    Files.writeString(cg.resolve("user.slice/cpu.max"), "max 100000\n");
    Files.writeString(cg.resolve("user.slice/cpu.stat"), "usage_usec 999\n");

    ProbeSettings settings = ProbeSettings.builder().procRoot(proc).cgroupRoot(cg).build();
    try (HostCpuTimeSource s = HostCpuTimeSource.visibleCpus(settings)) {
      assertThat(s.busyCpuNanos()).isEqualTo(30_000_000L);
    }
  }

  @Test
  void realJvmReportsGrowingProcessCpuTime() throws IOException {
    try (HostCpuTimeSource s = HostCpuTimeSource.hostWide(ProbeSettings.defaults())) {
      assertThat(s.processTimeSupported()).isTrue();
      long before = s.processCpuNanos();
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (s.processCpuNanos() - before < 50_000_000L && System.nanoTime() < deadline) {
        Math.sqrt(System.nanoTime()); // burn CPU until 50 ms of CPU time (5 ticks) accrue
      }
      assertThat(s.processCpuNanos() - before).isGreaterThanOrEqualTo(50_000_000L);
      assertThat(s.busyCpuNanos()).isPositive();
    }
  }
}
