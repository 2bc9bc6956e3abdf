package dev.jouletrace.probe;

import static org.assertj.core.api.Assertions.assertThat;

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
        .nvmlLibrary(tmp.resolve("libnvidia-ml.so.1").toString());
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
          .containsExactly("rapl", "cpu-estimate", "nvml", "amdgpu-hwmon", "intel-gpu-hwmon");
      assertThat(d.probes()).extracting(EnergyProbe::name).containsExactly("cpu-estimate");
    }
  }
}
