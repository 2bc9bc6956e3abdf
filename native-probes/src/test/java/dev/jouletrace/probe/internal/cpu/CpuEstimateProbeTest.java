package dev.jouletrace.probe.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.ProbeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CpuEstimateProbeTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void processEnergyIsCpuSecondsTimesWattsPerCore() throws IOException {
    ScriptedCpuTime cpu = new ScriptedCpuTime().set(10 * SECOND, 100 * SECOND);
    CpuEstimateProbe p = new CpuEstimateProbe(cpu, 12.0);
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(p.domains().get(0).id()).isEqualTo("cpu:estimate");

    cpu.add(5 * SECOND / 2, 4 * SECOND); // 2.5 s of the JVM, 4 s machine busy
    double[] dev = new double[1];
    double[] proc = new double[1];
    p.read(dev, proc);
    assertThat(proc).containsExactly(30.0); // 2.5 s × 12 W
    assertThat(dev).containsExactly(30.0); // the sampler has not seen /proc/stat yet

    p.sample();
    p.read(dev, proc);
    assertThat(dev).containsExactly(48.0); // 4 s × 12 W
    assertThat(proc).containsExactly(30.0);

    cpu.add(SECOND, 0); // JVM ran 1 s more; /proc/stat is only read by the sampler
    p.read(dev, proc);
    assertThat(proc).containsExactly(42.0);
    assertThat(dev).containsExactly(60.0);
  }

  @Test
  void deviceFigureNeverDecreasesWhenTheSamplerCatchesUp() throws IOException {
    ScriptedCpuTime cpu = new ScriptedCpuTime().set(0, 0);
    CpuEstimateProbe p = new CpuEstimateProbe(cpu, 10.0);
    cpu.add(2 * SECOND, 2 * SECOND);
    double[] dev = new double[1];
    double[] proc = new double[1];
    p.read(dev, proc);
    assertThat(dev).containsExactly(20.0);
    cpu.set(2 * SECOND, SECOND); // busy tick granularity lags behind
    p.sample();
    p.read(dev, proc);
    assertThat(dev).containsExactly(20.0);
  }

  @Test
  void isNonZeroAndPlausibleOnThisMachine() throws IOException {
    ProbeSettings s = ProbeSettings.defaults();
    try (CpuTimeSource cpu = HostCpuTimeSource.visibleCpus(s)) {
      CpuEstimateProbe p = new CpuEstimateProbe(cpu, s.cpuWattsPerCore());
      long start = System.nanoTime();
      long before = cpu.processCpuNanos();
      while (cpu.processCpuNanos() - before < 100_000_000L
          && System.nanoTime() - start < 3 * SECOND) {
        Math.sqrt(System.nanoTime());
      }
      p.sample();
      double[] dev = new double[1];
      double[] proc = new double[1];
      p.read(dev, proc);
      double wallSeconds = (System.nanoTime() - start) / 1e9;
      int cores = Runtime.getRuntime().availableProcessors();
      assertThat(proc[0]).isGreaterThanOrEqualTo(0.1 * 12.0);
      assertThat(dev[0]).isGreaterThanOrEqualTo(proc[0]);
      // Cannot exceed every visible core busy for the whole time (+1 tick per core of slack).
      assertThat(dev[0]).isLessThanOrEqualTo((wallSeconds + 0.02) * cores * 12.0 + 1.0);
    }
  }
}
