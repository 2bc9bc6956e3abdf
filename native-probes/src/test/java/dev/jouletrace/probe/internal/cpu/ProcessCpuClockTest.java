package dev.jouletrace.probe.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessCpuClockTest {

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsTheSameClockAsTheJdkWithFinerThanTickResolution() {
    ProcessCpuClock clock = new ProcessCpuClock();
    assertThat(clock.isPrecise()).isTrue();

    long jdk =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long ours = clock.nanos();
    // the JDK's figure is rounded down to 10 ms clock ticks; ours is exact and read just after
    assertThat(ours).isBetween(jdk, jdk + 50_000_000L);

    // spin until the clock moves: the first step seen is far below one 10 ms tick
    long start = clock.nanos();
    long next = start;
    while (next == start) {
      next = clock.nanos();
    }
    assertThat(next - start).isPositive().isLessThan(5_000_000L);
  }
}
