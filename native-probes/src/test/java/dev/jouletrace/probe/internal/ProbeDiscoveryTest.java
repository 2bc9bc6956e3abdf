package dev.jouletrace.probe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.FaultySysfs;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeDiscoveryTest {
  @TempDir Path tmp;
  private final ScriptedCpuTime cpu = new ScriptedCpuTime().set(0, 0);

  private ProbeSettings.Builder fakeMachine() {
    return ProbeSettings.builder()
        .powercapRoot(tmp.resolve("powercap"))
        .hwmonRoot(tmp.resolve("hwmon"))
        .drmRoot(tmp.resolve("drm"))
        .nvmlLibrary(tmp.resolve("no-libnvidia-ml.so.1").toString())
        .amdSmiLibrary(tmp.resolve("no-libamd_smi.so").toString());
  }

  private static ProbeStatus status(DiscoveredProbes d, String probe) {
    return d.statuses().stream().filter(s -> s.probe().equals(probe)).findFirst().orElseThrow();
  }

  private static List<String> names(DiscoveredProbes d) {
    return d.probes().stream().map(EnergyProbe::name).collect(Collectors.toList());
  }

  @Test
  void estimateStandsInWhenPowercapIsMissingAndSaysWhy() {
    ProbeSettings s = fakeMachine().build();
    try (DiscoveredProbes d =
        ProbeDiscovery.discover(new ProbeContext(s, SysfsAccess.real(), cpu))) {
      assertThat(names(d)).contains("cpu-estimate").doesNotContain("rapl");
      assertThat(d.anyMeasured()).isFalse();
      assertThat(status(d, "rapl").state()).isEqualTo(State.ABSENT);
      ProbeStatus est = status(d, "cpu-estimate");
      assertThat(est.state()).isEqualTo(State.OK);
      assertThat(est.detail())
          .startsWith("CPU energy is estimated, not measured, because RAPL is absent: ")
          .contains(tmp.resolve("powercap") + " does not exist");
      assertThat(est.remedy()).contains("modprobe intel_rapl_msr");
      assertThat(est.measures()).contains("12.0 W per core");
    }
  }

  @Test
  void estimateSaysRootOnlyWhenEnergyFilesAreDenied() throws IOException {
    Path zone = tmp.resolve("powercap/intel-rapl:0");
    Files.createDirectories(zone);
    Files.writeString(zone.resolve("name"), "package-0\n");
    Files.writeString(zone.resolve("energy_uj"), "1\n");
    ProbeSettings s = fakeMachine().build();
    FaultySysfs fs = new FaultySysfs().deny(zone.resolve("energy_uj"));
    try (DiscoveredProbes d = ProbeDiscovery.discover(new ProbeContext(s, fs, cpu))) {
      assertThat(status(d, "rapl").state()).isEqualTo(State.PERMISSION_DENIED);
      ProbeStatus est = status(d, "cpu-estimate");
      assertThat(est.detail())
          .contains("because RAPL is permission denied")
          .contains("readable by root only since Linux 5.10 (CVE-2020-8694");
      assertThat(est.remedy()).contains("chmod a+r", "udev");
    }
  }

  @Test
  void measuredRaplExcludesTheEstimate() throws IOException {
    Path zone = tmp.resolve("powercap/intel-rapl:0");
    Files.createDirectories(zone);
    Files.writeString(zone.resolve("name"), "package-0\n");
    Files.writeString(zone.resolve("energy_uj"), "1\n");
    ProbeSettings s = fakeMachine().build();
    try (DiscoveredProbes d =
        ProbeDiscovery.discover(new ProbeContext(s, SysfsAccess.real(), cpu))) {
      assertThat(names(d)).containsExactly("rapl");
      assertThat(d.anyMeasured()).isTrue();
      assertThat(d.probes().get(0).domains().get(0).method()).isEqualTo(EnergyMethod.MEASURED);
      assertThat(d.statuses()).extracting(ProbeStatus::probe).doesNotContain("cpu-estimate");
    }
  }
}
