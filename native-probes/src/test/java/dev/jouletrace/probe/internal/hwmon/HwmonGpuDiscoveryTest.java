package dev.jouletrace.probe.internal.hwmon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.FaultySysfs;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwmonGpuDiscoveryTest {
  @TempDir Path tmp;
  private long nanos = 1_000_000_000L;

  private ProbeContext ctx(SysfsAccess fs) {
    ProbeSettings s =
        ProbeSettings.builder().hwmonRoot(tmp.resolve("hwmon")).drmRoot(tmp.resolve("drm")).build();
    return new ProbeContext(s, fs, new ScriptedCpuTime(), () -> nanos);
  }

  /** A hwmon dir the way amdgpu/i915 lay it out, with the PCI slot in device/uevent. */
  private Path sensor(Path dir, String name, String pciSlot) throws IOException {
    Files.createDirectories(dir.resolve("device"));
    Files.writeString(dir.resolve("name"), name + "\n");
    Files.writeString(
        dir.resolve("device").resolve("uevent"), "DRIVER=" + name + "\nPCI_SLOT_NAME=" + pciSlot);
    return dir;
  }

  private static double[] read(EnergyProbe p) {
    double[] dev = new double[p.domains().size()];
    p.read(dev, new double[dev.length]);
    return dev;
  }

  @Test
  void amdgpuPowerIsIntegratedAndFoundOnceUnderBothRoots() throws IOException {
    Path h = sensor(tmp.resolve("hwmon/hwmon3"), "amdgpu", "0000:03:00.0");
    Files.writeString(h.resolve("power1_average"), "200000000\n"); // 200 W in µW
    // The same sensor seen through /sys/class/drm/card1/device/hwmon/hwmon3.
    Path viaDrm = sensor(tmp.resolve("drm/card1/device/hwmon/hwmon3"), "amdgpu", "0000:03:00.0");
    Files.writeString(viaDrm.resolve("power1_average"), "200000000\n");
    sensor(tmp.resolve("hwmon/hwmon0"), "k10temp", "0000:00:18.3");

    Discovery d = HwmonGpuDiscovery.discoverAmd(ctx(SysfsAccess.real()), List.of());

    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains()).extracting(dom -> dom.id()).containsExactly("gpu:amdgpu-0000:03:00.0");
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.INTEGRATED);
    assertThat(p.maxSamplePeriod()).isEqualTo(Duration.ofMillis(100));
    for (int i = 0; i < 5; i++) {
      nanos += 100_000_000L;
      p.sample();
    }
    Files.writeString(h.resolve("power1_average"), "100000000\n");
    nanos += 100_000_000L;
    p.sample();
    // 0.5 s at 200 W, then a 0.1 s trapezoid from 200 to 100 W.
    assertThat(read(p)[0]).isCloseTo(100.0 + 15.0, org.assertj.core.data.Offset.offset(1e-9));
    p.close();
  }

  @Test
  void amdgpuWithPowerInputOnlyUsesIt() throws IOException {
    Path h = sensor(tmp.resolve("hwmon/hwmon1"), "amdgpu", "0000:0c:00.0");
    Files.writeString(h.resolve("power1_input"), "50000000\n");
    Discovery d = HwmonGpuDiscovery.discoverAmd(ctx(SysfsAccess.real()), List.of());
    assertThat(d.status().detail()).contains("power1_input");
    d.probes().get(0).close();
  }

  @Test
  void amdgpuAlreadyMeasuredByAmdSmiIsSkipped() throws IOException {
    Path h = sensor(tmp.resolve("hwmon/hwmon1"), "amdgpu", "0000:0c:00.0");
    Files.writeString(h.resolve("power1_average"), "50000000\n");
    Discovery d = HwmonGpuDiscovery.discoverAmd(ctx(SysfsAccess.real()), List.of("0000:0c:00.0"));
    assertThat(d.isOpen()).isFalse();
    assertThat(d.status().state()).isEqualTo(State.UNSUPPORTED);
    assertThat(d.status().detail()).contains("measured by AMD SMI instead");
  }

  @Test
  void intelEnergyCounterIsSummedAcross2To32MicrojoulesAndSkipsResets() throws IOException {
    // the driver keeps a 63-bit sum: 2^32 µJ is passed, not wrapped (docs/PROBES.md §4)
    long start = (1L << 32) - 2_000_000;
    Path h = sensor(tmp.resolve("hwmon/hwmon5"), "i915", "0000:03:00.0");
    Path energy = h.resolve("energy1_input");
    Files.writeString(energy, start + "\n");

    Discovery d = HwmonGpuDiscovery.discoverIntel(ctx(SysfsAccess.real()));
    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).id()).isEqualTo("gpu:i915-0000:03:00.0");
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.MEASURED);

    nanos += 1_000_000_000L;
    Files.writeString(energy, (start + 5_000_000) + "\n"); // 5 J in 1 s, past 2^32 µJ
    p.sample();
    assertThat(read(p)).containsExactly(5.0);

    nanos += 1_000_000_000L;
    Files.writeString(energy, "1000\n"); // fell: a driver reload, the interval is dropped
    p.sample();
    nanos += 1_000_000_000L;
    Files.writeString(energy, "501000\n");
    assertThat(read(p)).containsExactly(5.5);
    p.close();
  }

  @Test
  void xeCardEnergyIsUsedAndMissingCounterIsUnsupported() throws IOException {
    Path xe = sensor(tmp.resolve("hwmon/hwmon2"), "xe", "0000:04:00.0");
    Files.writeString(xe.resolve("energy1_input"), "0\n");
    Files.writeString(xe.resolve("energy2_input"), "0\n");
    Discovery d = HwmonGpuDiscovery.discoverIntel(ctx(SysfsAccess.real()));
    assertThat(d.probes().get(0).domains())
        .extracting(dom -> dom.id())
        .containsExactly("gpu:xe-0000:04:00.0");
    d.probes().get(0).close();

    Files.delete(xe.resolve("energy1_input"));
    Discovery none = HwmonGpuDiscovery.discoverIntel(ctx(SysfsAccess.real()));
    assertThat(none.status().state()).isEqualTo(State.UNSUPPORTED);
    assertThat(none.status().detail()).contains("no energy1_input");
  }

  @Test
  void deniedEnergyFileIsPermissionDenied() throws IOException {
    Path h = sensor(tmp.resolve("hwmon/hwmon5"), "i915", "0000:03:00.0");
    Files.writeString(h.resolve("energy1_input"), "1\n");
    FaultySysfs fs = new FaultySysfs().deny(h.resolve("energy1_input"));
    Discovery d = HwmonGpuDiscovery.discoverIntel(ctx(fs));
    assertThat(d.status().state()).isEqualTo(State.PERMISSION_DENIED);
  }

  @Test
  void noGpuSensorsIsAbsent() {
    Discovery d = HwmonGpuDiscovery.discoverAmd(ctx(SysfsAccess.real()), List.of());
    assertThat(d.status().state()).isEqualTo(State.ABSENT);
    assertThat(d.status().detail()).startsWith("no hwmon sensor named amdgpu under ");
  }
}
