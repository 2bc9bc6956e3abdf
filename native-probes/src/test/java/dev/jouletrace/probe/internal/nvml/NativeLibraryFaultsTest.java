package dev.jouletrace.probe.internal.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.OpenedProbes;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.ProbeDiscovery;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVIDIA's library missing, failing to initialise, too old for the versioned API, or without the
 * energy counter: NVML's status is one line, and the rest of the meter (RAPL on a fake powercap
 * tree) is discovered and reads as without the fault.
 */
class NativeLibraryFaultsTest {
  private static final String GPU = "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6";

  @TempDir Path tmp;
  private final FakeNvml.Control fake = FakeNvml.control();

  private Path zoneEnergy() throws IOException {
    Path zone = tmp.resolve("powercap/intel-rapl:0");
    Files.createDirectories(zone);
    Files.writeString(zone.resolve("name"), "package-0\n");
    Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
    Files.writeString(zone.resolve("energy_uj"), "1000000\n");
    return zone.resolve("energy_uj");
  }

  private DiscoveredProbes discover(String nvmlLibrary) {
    ProbeSettings s =
        ProbeSettings.builder()
            .powercapRoot(tmp.resolve("powercap"))
            .hwmonRoot(tmp.resolve("hwmon"))
            .drmRoot(tmp.resolve("drm"))
            .nvmlLibrary(nvmlLibrary)
            .amdSmiLibrary(tmp.resolve("no-libamd_smi.so").toString())
            .build();
    return ProbeDiscovery.discover(
        new ProbeContext(s, SysfsAccess.real(), new ScriptedCpuTime().set(0, 0)));
  }

  /** NVML's one status line; RAPL open and counting 4 J when its counter moves by 4 J. */
  private ProbeStatus nvmlStatusWithRaplWorking(DiscoveredProbes d, Path energy)
      throws IOException {
    List<ProbeStatus> nvml =
        d.statuses().stream()
            .filter(s -> s.probe().equals(NvmlDiscovery.PROBE))
            .collect(Collectors.toList());
    assertThat(nvml).hasSize(1);
    assertThat(nvml.get(0).toString()).doesNotContain("\n");
    EnergyProbe rapl =
        d.probes().stream().filter(p -> p.name().equals("rapl")).findFirst().orElseThrow();
    assertThat(rapl.domains().get(0).method()).isEqualTo(EnergyMethod.MEASURED);
    double before = OpenedProbes.read(rapl)[0][0];
    Files.writeString(energy, "5000000\n");
    rapl.sample();
    assertThat(OpenedProbes.read(rapl)[0][0] - before).isEqualTo(4.0);
    return nvml.get(0);
  }

  @Test
  void missingLibraryIsOneAbsentLine() throws IOException {
    Path energy = zoneEnergy();
    try (DiscoveredProbes d = discover(tmp.resolve("libnvidia-ml.so.1").toString())) {
      ProbeStatus s = nvmlStatusWithRaplWorking(d, energy);
      assertThat(s.state()).isEqualTo(State.ABSENT);
      assertThat(s.detail()).contains("cannot be loaded");
    }
  }

  @Test
  void initReturningAnErrorIsOneLineNamingTheCode() throws IOException {
    Path energy = zoneEnergy();
    fake.fake_add_device(GPU, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_init_rc(9);
    try (DiscoveredProbes d = discover(FakeNvml.LIBRARY.toString())) {
      ProbeStatus s = nvmlStatusWithRaplWorking(d, energy);
      assertThat(s.state()).isEqualTo(State.ABSENT);
      assertThat(s.detail()).contains("DRIVER_NOT_LOADED");
      assertThat(d.probes()).extracting(EnergyProbe::name).doesNotContain("nvml");
    }
  }

  @Test
  void aDriverWithoutTheVersionedInitIsOneUnsupportedLineNotAMissingDriver() throws IOException {
    Path energy = zoneEnergy();
    FakeNvml.Control old = FakeNvml.noInitV2Control();
    old.fake_add_device(GPU, "Tesla K80", "00000000:07:00.0", 3, 7);
    try (DiscoveredProbes d = discover(FakeNvml.NO_INIT_V2.toString())) {
      ProbeStatus s = nvmlStatusWithRaplWorking(d, energy);
      assertThat(s.state()).isEqualTo(State.UNSUPPORTED);
      assertThat(s.detail())
          .startsWith("the NVIDIA driver's NVML is too old or not NVML: ")
          .contains("lacks a required symbol")
          .contains("nvmlInit_v2");
      assertThat(s.remedy()).contains("update the NVIDIA driver");
      assertThat(d.probes()).extracting(EnergyProbe::name).doesNotContain("nvml");
    }
    // the library after it binds as before
    fake.fake_add_device(GPU, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 1_000, 0);
    try (DiscoveredProbes d = discover(FakeNvml.LIBRARY.toString())) {
      assertThat(d.probes()).extracting(EnergyProbe::name).contains("nvml", "rapl");
    }
  }

  @Test
  void withoutTheEnergyCounterSymbolPowerIsIntegratedAndLabelledSo() throws IOException {
    Path energy = zoneEnergy();
    FakeNvml.Control old = FakeNvml.oldDriverControl();
    old.fake_add_device(GPU, "Tesla K80", "00000000:07:00.0", 3, 7);
    old.fake_set_power(0, 100_000, 0, 0, 0);
    try (DiscoveredProbes d = discover(FakeNvml.OLD_DRIVER.toString())) {
      ProbeStatus s = nvmlStatusWithRaplWorking(d, energy);
      assertThat(s.state()).isEqualTo(State.OK);
      EnergyProbe nvml =
          d.probes().stream().filter(p -> p.name().equals("nvml")).findFirst().orElseThrow();
      assertThat(nvml.domains().get(0).method()).isEqualTo(EnergyMethod.INTEGRATED);
    }
  }
}
