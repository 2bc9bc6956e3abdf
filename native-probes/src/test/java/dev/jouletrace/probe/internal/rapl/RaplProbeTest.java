package dev.jouletrace.probe.internal.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.cpu.CpuTimeShare;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.FaultySysfs;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplProbeTest {
  private static final long RANGE = FakePowercap.TYPICAL_RANGE_UJ;

  @TempDir Path tmp;
  private final ScriptedCpuTime cpu = new ScriptedCpuTime().set(0, 0);
  private long nanos = 1_000_000_000L;

  private EnergyProbe open(FakePowercap pc, SysfsAccess fs) {
    ProbeSettings s = ProbeSettings.builder().powercapRoot(pc.root).build();
    return RaplDiscovery.discover(new ProbeContext(s, fs, cpu, () -> nanos)).probes().get(0);
  }

  private void tick(long seconds) {
    nanos += seconds * 1_000_000_000L;
  }

  private static double[] device(EnergyProbe p) {
    double[] dev = new double[p.domains().size()];
    p.read(dev, new double[dev.length]);
    return dev;
  }

  private static double[] process(EnergyProbe p) {
    double[] proc = new double[p.domains().size()];
    p.read(new double[proc.length], proc);
    return proc;
  }

  @Test
  void wrapBetweenEpochBoundariesIsCaughtBySample() {
    FakePowercap pc =
        new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, RANGE - 1_000_000);
    EnergyProbe p = open(pc, SysfsAccess.real());

    tick(1);
    pc.set("intel-rapl:0", RANGE - 10); // epoch runs; sampler sees the counter near the top
    p.sample();
    tick(1);
    pc.set("intel-rapl:0", 4_000_000); // wrapped 4 J later: plausible within 1 s
    p.sample();
    tick(1);
    pc.set("intel-rapl:0", 9_000_000); // epoch boundary

    // (RANGE - (RANGE - 1_000_000)) + 9_000_000 µJ = 10 J, not a reset and not a negative delta.
    assertThat(device(p)).containsExactly(10.0);
    assertThat(((RaplProbe) p).counterHealth()).isEqualTo("1 wraps, 0 resets, 0 failed reads");
    p.close();
  }

  @Test
  void resetIsSkippedNotCountedAsAWrap() {
    FakePowercap pc = new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, 0);
    EnergyProbe p = open(pc, SysfsAccess.real());

    tick(400);
    pc.set("intel-rapl:0", 200_000_000_000L);
    p.sample();
    // The counter restarts near zero: as a wrap it would mean 62 kJ in one second.
    tick(1);
    pc.set("intel-rapl:0", 1_000_000);
    p.sample();
    tick(1);
    pc.set("intel-rapl:0", 3_500_000);

    // 200 000 J before the reset, the reset interval dropped, then 2.5 J.
    assertThat(device(p)).containsExactly(200_002.5);
    assertThat(((RaplProbe) p).counterHealth()).isEqualTo("0 wraps, 1 resets, 0 failed reads");
    p.close();
  }

  @Test
  void windowDeltasSumExactlyToTheCounterDeltaAcrossWraps() {
    FakePowercap pc = new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, 12_345);
    EnergyProbe p = open(pc, SysfsAccess.real());
    Random random = new Random(42);
    long raw = 12_345;
    long expectedUj = 0;
    double previousJoules = 0;
    long summedWindowsUj = 0;
    int expectedWraps = 0;
    for (int i = 0; i < 500; i++) {
      // Up to a third of the range per step, i.e. up to 87 kJ: 200 s at 437 W.
      long step = 1 + (long) (random.nextDouble() * (RANGE / 3.0));
      expectedUj += step;
      if (raw + step >= RANGE) {
        expectedWraps++;
      }
      raw = (raw + step) % RANGE;
      tick(200);
      pc.set("intel-rapl:0", raw);
      if (i % 3 == 0) {
        p.sample();
      } else {
        double now = device(p)[0];
        summedWindowsUj += Math.round((now - previousJoules) * 1e6);
        previousJoules = now;
      }
    }
    double total = device(p)[0];
    summedWindowsUj += Math.round((total - previousJoules) * 1e6);

    assertThat(total).isEqualTo(expectedUj / 1e6);
    assertThat(summedWindowsUj).isEqualTo(expectedUj);
    assertThat(expectedWraps).isGreaterThan(50);
    assertThat(((RaplProbe) p).counterHealth())
        .isEqualTo(expectedWraps + " wraps, 0 resets, 0 failed reads");
    p.close();
  }

  @Test
  void processShareIsIntegratedPerSamplerWindow() {
    FakePowercap pc =
        new FakePowercap(tmp)
            .zone("intel-rapl:0", "package-0", RANGE, 0)
            .zone("intel-rapl:0:0", "dram", RANGE, 0);
    EnergyProbe p = open(pc, SysfsAccess.real());
    assertThat(p.domains().get(0).attribution()).isEqualTo(CpuTimeShare.ATTRIBUTION);

    // Window 1: 40 J package, 8 J dram, the JVM ran 1 s of 4 busy CPU seconds (25 %).
    pc.set("intel-rapl:0", 40_000_000);
    pc.set("intel-rapl:0:0", 8_000_000);
    cpu.add(1_000_000_000L, 4_000_000_000L);
    p.sample();
    // Window 2: 60 J more package, 12 J dram, the JVM ran 3 s of 4 (75 %).
    pc.set("intel-rapl:0", 100_000_000);
    pc.set("intel-rapl:0:0", 20_000_000);
    cpu.add(3_000_000_000L, 4_000_000_000L);
    p.sample();

    double[] dev = new double[2];
    double[] proc = new double[2];
    p.read(dev, proc);
    assertThat(dev).containsExactly(100.0, 20.0);
    assertThat(proc).containsExactly(40 * 0.25 + 60 * 0.75, 8 * 0.25 + 12 * 0.75);

    // Between samples read() extends the last share (75 %) over the new counter growth.
    pc.set("intel-rapl:0", 108_000_000);
    assertThat(process(p)[0]).isEqualTo(55.0 + 8 * 0.75);
    // The next window turns out idle for the JVM (0 %): the figure is held, never decreases.
    cpu.add(0, 2_000_000_000L);
    p.sample();
    assertThat(process(p)[0]).isEqualTo(61.0);
    pc.set("intel-rapl:0", 120_000_000);
    cpu.add(2_000_000_000L, 2_000_000_000L); // 100 %
    p.sample();
    assertThat(process(p)[0]).isEqualTo(55.0 + 12.0);
    p.close();
  }

  @Test
  void transientReadErrorKeepsTheLastTotalAndNeverThrows() {
    FakePowercap pc = new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, 0);
    FaultySysfs fs = new FaultySysfs();
    EnergyProbe p = open(pc, fs);
    pc.set("intel-rapl:0", 5_000_000);
    assertThat(device(p)).containsExactly(5.0);

    fs.failNextReads(pc.energyFile("intel-rapl:0"), 2);
    pc.set("intel-rapl:0", 7_000_000);
    assertThat(device(p)).containsExactly(5.0);
    p.sample();
    assertThat(device(p)).containsExactly(7.0);
    assertThat(((RaplProbe) p).counterHealth()).isEqualTo("0 wraps, 0 resets, 2 failed reads");
    p.close();
  }

  @Test
  void unreadableCpuTimeLeavesTheDeviceMeasuredAndTheShareAtZero() {
    FakePowercap pc = new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, 0);
    cpu.busyFails(true);
    EnergyProbe p = open(pc, SysfsAccess.real());
    pc.set("intel-rapl:0", 3_000_000);
    p.sample();
    double[] dev = new double[1];
    double[] proc = new double[1];
    p.read(dev, proc);
    assertThat(dev).containsExactly(3.0);
    assertThat(proc).containsExactly(0.0);
    p.close();
  }

  @Test
  void readAfterCloseReturnsTheLastTotals() {
    FakePowercap pc = new FakePowercap(tmp).zone("intel-rapl:0", "package-0", RANGE, 0);
    EnergyProbe p = open(pc, SysfsAccess.real());
    pc.set("intel-rapl:0", 1_000_000);
    p.sample();
    p.close();
    p.close();
    pc.set("intel-rapl:0", 9_000_000);
    assertThat(device(p)).containsExactly(1.0);
  }
}
