package dev.jouletrace.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.internal.amdsmi.FakeAmdSmi;
import dev.jouletrace.probe.internal.nvml.FakeNvml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private ProbeSettings.Builder fakeMachine() {
    return ProbeSettings.builder()
        .powercapRoot(tmp.resolve("powercap"))
        .hwmonRoot(tmp.resolve("hwmon"))
        .drmRoot(tmp.resolve("drm"))
        .nvmlLibrary(tmp.resolve("libnvidia-ml.so.1").toString())
        .amdSmiLibrary(tmp.resolve("libamd_smi.so").toString());
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onlyEstimatesExitOneAndExplainWhyCpuIsEstimated() {
    int code = Doctor.run(fakeMachine().build(), out, Duration.ofMillis(50));

    assertThat(code).isEqualTo(1);
    assertThat(output())
        .contains("rapl: absent - CPU package and DRAM energy")
        .contains("  found: " + tmp.resolve("powercap") + " does not exist")
        .contains("cpu-estimate: ok - CPU energy estimated as CPU seconds × 12.0 W per core")
        .contains("nvml: absent")
        .contains("amdsmi: absent - AMD GPU energy (AMD SMI energy counter)")
        .contains("amdgpu-hwmon: absent")
        .contains("intel-gpu-hwmon: absent")
        .containsPattern(
            "cpu:estimate +estimated +device +\\d+\\.\\d\\d W +this JVM +\\d+\\.\\d\\d W")
        .contains("Result: only estimates are available (exit 1).")
        .contains("To measure it: on bare metal load the RAPL driver");
  }

  @Test
  void measuredRaplExitsZero() throws IOException {
    Path zone = tmp.resolve("powercap/intel-rapl:0");
    Files.createDirectories(zone);
    Files.writeString(zone.resolve("name"), "package-0\n");
    Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
    Files.writeString(zone.resolve("energy_uj"), "1000\n");

    int code = Doctor.run(fakeMachine().build(), out, Duration.ofMillis(50));

    assertThat(code).isEqualTo(0);
    assertThat(output())
        .contains("rapl: ok")
        .containsPattern("cpu:package-0 +measured +device +0\\.00 W")
        .contains("Result: measured energy is available (exit 0).")
        .doesNotContain("cpu-estimate");
  }

  @Test
  void integratedGpuPowerCountsAsMeasured() throws IOException {
    Path h = tmp.resolve("hwmon/hwmon1");
    Files.createDirectories(h);
    Files.writeString(h.resolve("name"), "amdgpu\n");
    Files.writeString(h.resolve("power1_average"), "75000000\n");

    int code = Doctor.run(fakeMachine().build(), out, Duration.ofMillis(300));

    assertThat(code).isEqualTo(0);
    assertThat(output())
        .contains("amdgpu-hwmon: ok")
        .containsPattern("gpu:amdgpu-hwmon1 +integrated +device +\\d+\\.\\d\\d W");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("gpu:amdgpu-hwmon1 +integrated +device +(\\S+) W")
            .matcher(output());
    assertThat(m.find()).isTrue();
    // 75 W constant; the sample window is timed around the reads, so only µs of skew remain.
    assertThat(Double.parseDouble(m.group(1)))
        .isCloseTo(75.0, org.assertj.core.data.Offset.offset(0.2));
  }

  @Test
  void amdSmiMeasuresTheGpuHwmonSkipsItAndAStillCounterIsDiagnosed() throws IOException {
    FakeAmdSmi.Control amd = FakeAmdSmi.control();
    amd.fake_amd_add_gpu(0, 0, 0x03, 0, 0, "a1ff74a1-0000-1000-80ff-c9e2a3b4c5d6");
    amd.fake_amd_set_energy(0, 1_000, 15.3f, 0); // never advances
    Path h = tmp.resolve("hwmon/hwmon1");
    Files.createDirectories(h.resolve("device"));
    Files.writeString(h.resolve("name"), "amdgpu\n");
    Files.writeString(h.resolve("device/uevent"), "PCI_SLOT_NAME=0000:03:00.0\n");
    Files.writeString(h.resolve("power1_average"), "75000000\n");

    int code =
        Doctor.run(
            fakeMachine().amdSmiLibrary(FakeAmdSmi.LIBRARY.toString()).build(),
            out,
            Duration.ofMillis(1_100));

    assertThat(code).isEqualTo(0);
    assertThat(output())
        .contains("amdsmi: ok - AMD GPU energy (AMD SMI energy counter)")
        .contains("amdgpu-hwmon: unsupported")
        .contains("0000:03:00.0: measured by AMD SMI instead")
        .containsPattern("gpu:amd-0000:03:00.0 +measured +device +0\\.00 W")
        .doesNotContain("gpu:amdgpu-0000:03:00.0")
        .contains("Diagnostics:")
        .containsPattern(
            "  amdsmi: gpu:amd-0000:03:00.0: energy counter has not moved in 1\\.\\d s while"
                + " amdgpu hwmon reports 75\\.0 W");
    assertThat(amd.fake_amd_refs()).isZero();
  }

  @Test
  void nvmlCounterIsCrossCheckedAgainstPowerInTheSample() throws IOException {
    FakeNvml.control(); // builds the fake
    // A private copy under another file name: JNA caches libraries by file name, and the real
    // soname must stay unbound for the test that looks at this machine's own probes.
    Path copy = tmp.resolve("libfake-nvidia-ml.so.1");
    Files.copy(FakeNvml.LIBRARY, copy);
    FakeNvml.Control nv = com.sun.jna.Native.load(copy.toString(), FakeNvml.Control.class);
    nv.fake_reset();
    String gpu = "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6";
    nv.fake_add_device(gpu, "A100", "00000000:07:00.0", 8, 0);
    nv.fake_set_energy(0, 1_000_000, 0);
    nv.fake_set_power(0, 250_000, 0, 0, 0);

    int code =
        Doctor.run(
            fakeMachine().nvmlLibrary(copy.toString()).build(), out, Duration.ofMillis(1_100));

    assertThat(code).isEqualTo(0);
    assertThat(output())
        .contains("nvml: ok")
        .contains("cross-checked against instant power (field 186)")
        .contains("Diagnostics:")
        .containsPattern(
            "  nvml: cross-check gpu:"
                + gpu
                + ": over 1\\.\\d s the energy counter gave 0\\.00 J and instant power"
                + " \\(field 186\\) integrated gave 2\\d\\d\\.\\d\\d J: counter did not advance");
  }

  @Test
  void onThisBuildMachineCpuEnergyIsEstimatedBecausePowercapIsMissing() {
    Assumptions.assumeFalse(Files.exists(Paths.get("/sys/class/powercap")));
    int code = Doctor.run(ProbeSettings.defaults(), out, Duration.ofMillis(50));
    assertThat(code).isEqualTo(1);
    assertThat(output())
        .contains(
            "CPU energy is estimated, not measured, because RAPL is absent:"
                + " /sys/class/powercap does not exist");
  }

  @Test
  void discoverNeverThrowsAndReportsEveryProbe() {
    try (DiscoveredProbes d = Probes.discover(fakeMachine().build())) {
      assertThat(d.statuses())
          .extracting(ProbeStatus::probe)
          .containsExactly(
              "rapl", "cpu-estimate", "nvml", "amdsmi", "amdgpu-hwmon", "intel-gpu-hwmon");
      assertThat(d.probes()).extracting(EnergyProbe::name).containsExactly("cpu-estimate");
    }
  }
}
