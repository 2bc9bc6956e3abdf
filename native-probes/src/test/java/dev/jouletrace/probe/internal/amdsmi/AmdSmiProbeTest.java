package dev.jouletrace.probe.internal.amdsmi;

import static dev.jouletrace.probe.internal.OpenedProbes.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.OpenedProbes;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.ProbeDiscovery;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmdSmiProbeTest {
  private static final String UUID_A = "a1ff74a1-0000-1000-80ff-c9e2a3b4c5d6";
  private static final String UUID_B = "b2ff74a1-0000-1000-80ff-d8e7f6a5b4c3";
  private static final int OK = 0;
  private static final int NOT_SUPPORTED = 2;
  private static final int NO_PERM = 10;
  private static final int INIT_ERROR = 18;

  @TempDir Path tmp;
  private final FakeAmdSmi.Control fake = FakeAmdSmi.control();
  private final Map<String, String> env = new HashMap<>();
  private long nanos = 7_000_000_000L;
  private Discovery discovery;

  @AfterEach
  void closeProbes() {
    OpenedProbes.close(discovery);
  }

  private ProbeSettings.Builder settings() {
    return ProbeSettings.builder()
        .powercapRoot(tmp.resolve("powercap"))
        .hwmonRoot(tmp.resolve("hwmon"))
        .drmRoot(tmp.resolve("drm"))
        .nvmlLibrary(tmp.resolve("no-libnvidia-ml.so.1").toString())
        .amdSmiLibrary(FakeAmdSmi.LIBRARY.toString())
        .environment(env);
  }

  private ProbeContext ctx(ProbeSettings s) {
    return new ProbeContext(s, SysfsAccess.real(), new ScriptedCpuTime().set(0, 0), () -> nanos);
  }

  private Discovery discover() {
    discovery = AmdSmiDiscovery.discover(ctx(settings().build()));
    return discovery;
  }

  /** An amdgpu hwmon sensor for the GPU at {@code pci}, drawing {@code microwatts}. */
  private Path amdgpuSensor(String dir, String pci, long microwatts) throws IOException {
    Path h = tmp.resolve("hwmon").resolve(dir);
    Files.createDirectories(h.resolve("device"));
    Files.writeString(h.resolve("name"), "amdgpu\n");
    Files.writeString(h.resolve("device").resolve("uevent"), "DRIVER=amdgpu\nPCI_SLOT_NAME=" + pci);
    Files.writeString(h.resolve("power1_average"), microwatts + "\n");
    return h;
  }

  private static ProbeStatus status(DiscoveredProbes d, String probe) {
    return d.statuses().stream().filter(s -> s.probe().equals(probe)).findFirst().orElseThrow();
  }

  private static EnergyProbe probe(DiscoveredProbes d, String name) {
    return d.probes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void twoGpusCounterAdvanceGivesExactJoules() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_add_gpu(1, 0, 0x83, 0, 0, UUID_B);
    fake.fake_amd_set_energy(0, 1_000, 15.3f, OK);
    fake.fake_amd_set_energy(1, 5_000, 15.3f, OK);

    Discovery d = discover();

    assertThat(d.status().state()).isEqualTo(State.OK);
    assertThat(fake.fake_amd_init_flags()).isEqualTo(2L); // AMDSMI_INIT_AMD_GPUS
    EnergyProbe p = d.probes().get(0);
    assertThat(p.name()).isEqualTo("amdsmi");
    assertThat(p.domains())
        .extracting(EnergyDomain::id)
        .containsExactly("gpu:amd-0000:03:00.0", "gpu:amd-0000:83:00.0");
    assertThat(p.domains()).extracting(EnergyDomain::method).containsOnly(EnergyMethod.MEASURED);
    assertThat(p.domains())
        .extracting(EnergyDomain::attribution)
        .containsOnly("visible-device-total");
    assertThat(p.domains().get(0).device()).contains(UUID_A);
    assertThat(p.maxSamplePeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.status().detail()).contains("15.3 µJ per tick");
    assertThat(read(p)[0]).containsExactly(0.0, 0.0);

    // 1,000,000 and 2,000,000 ticks of 15.3 µJ.
    fake.fake_amd_set_energy(0, 1_001_000, 15.3f, OK);
    fake.fake_amd_set_energy(1, 2_005_000, 15.3f, OK);
    double[][] r = read(p);
    assertThat(r[0]).containsExactly(15.3, 30.6);
    assertThat(r[1]).containsExactly(15.3, 30.6);
  }

  @Test
  void decreaseIsAResetAndItsIntervalIsDropped() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 10_000_000, 15.3f, OK);
    EnergyProbe p = discover().probes().get(0);

    fake.fake_amd_set_energy(0, 11_000_000, 15.3f, OK);
    p.sample();
    fake.fake_amd_set_energy(0, 200, 15.3f, OK); // driver reloaded
    p.sample();
    fake.fake_amd_set_energy(0, 1_000_200, 15.3f, OK);

    assertThat(read(p)[0]).containsExactly(30.6);
    assertThat(((AmdSmiProbe) p).diagnostics())
        .containsExactly("gpu:amd-0000:03:00.0: 1 counter reset(s), interval(s) dropped");
  }

  @Test
  void accumulatorIsAnUnsigned64BitCounter() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, Long.MAX_VALUE - 499_999, 15.3f, OK);
    EnergyProbe p = discover().probes().get(0);

    // Crosses 2^63: negative as a Java long, still an advance of 1,000,000 ticks.
    fake.fake_amd_set_energy(0, Long.MIN_VALUE + 500_000, 15.3f, OK);

    assertThat(read(p)[0]).containsExactly(15.3);
  }

  @Test
  void initFailureBecomesAStatusWithTheCode() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_init_rc(INIT_ERROR);
    Discovery d = discover();
    assertThat(d.isOpen()).isFalse();
    assertThat(d.status().state()).isEqualTo(State.ERROR);
    assertThat(d.status().detail())
        .isEqualTo(
            "amdsmi_init(AMDSMI_INIT_AMD_GPUS) returned AMDSMI_STATUS_INIT_ERROR (18);"
                + " amdgpu hwmon power integration is used instead");

    fake.fake_amd_set_init_rc(NO_PERM);
    Discovery denied = discover();
    assertThat(denied.status().state()).isEqualTo(State.PERMISSION_DENIED);
    assertThat(denied.status().detail()).contains("AMDSMI_STATUS_NO_PERM (10)");
    assertThat(denied.status().remedy()).contains("/dev/kfd");
  }

  @Test
  void energyCounterNotSupportedOnAVmGuestIsUnsupportedAndShutsDown() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, NOT_SUPPORTED);

    Discovery d = discover();

    assertThat(d.isOpen()).isFalse();
    assertThat(d.status().state()).isEqualTo(State.UNSUPPORTED);
    assertThat(d.status().detail())
        .contains(
            "gpu:amd-0000:03:00.0: amdsmi_get_energy_count returned AMDSMI_STATUS_NOT_SUPPORTED"
                + " (2) (no energy counter; not supported on virtual machine guests)")
        .endsWith("amdgpu hwmon power integration is used instead");
    assertThat(fake.fake_amd_refs()).isZero();
  }

  @Test
  void gpuWithoutBdfIsNamedByUuid() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_identity_rc(0, NOT_SUPPORTED, OK);
    fake.fake_amd_set_energy(0, 0, 15.3f, OK);
    AmdSmiProbe p = (AmdSmiProbe) discover().probes().get(0);
    assertThat(p.domains().get(0).id()).isEqualTo("gpu:amd-" + UUID_A);
    assertThat(p.measuredPciAddresses()).isEmpty();
    assertThat(p.hasGpuWithoutPciAddress()).isTrue();
  }

  @Test
  void bdfBitFieldsFormatLikeSysfs() {
    // domain 0x0001, bus 0xc3, device 0x1f, function 7.
    long bdf = (0x1L << 16) | (0xc3L << 8) | (0x1fL << 3) | 7;
    assertThat(AmdSmiDiscovery.formatBdf(bdf)).isEqualTo("0001:c3:1f.7");
  }

  @Test
  void closeShutsAmdSmiDownAndReadsStayPut() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, OK);
    EnergyProbe p = discover().probes().get(0);
    assertThat(fake.fake_amd_refs()).isEqualTo(1);
    fake.fake_amd_set_energy(0, 1_000_000, 15.3f, OK);
    p.sample();

    p.close();
    p.close();

    assertThat(fake.fake_amd_refs()).isZero();
    assertThat(fake.fake_amd_calls(FakeAmdSmi.C_SHUT_DOWN)).isEqualTo(1);
    int calls = fake.fake_amd_calls(FakeAmdSmi.C_ENERGY);
    assertThat(read(p)[0]).containsExactly(15.3);
    assertThat(fake.fake_amd_calls(FakeAmdSmi.C_ENERGY)).isEqualTo(calls);
  }

  @Test
  void visibilityVariableIsNotMappedButSaidAndTheHostIsCharged() {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, OK);
    env.put("HIP_VISIBLE_DEVICES", "1");

    Discovery d = discover();

    assertThat(d.probes().get(0).domains().get(0).attribution()).isEqualTo("host-device-total");
    assertThat(d.status().detail()).contains("HIP_VISIBLE_DEVICES=1 is not applied");
    assertThat(d.status().remedy()).contains("/dev/dri/renderD*");
  }

  @Test
  void counterThatNeverMovesWhilePowerIsReportedIsDiagnosed() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_add_gpu(0, 0, 0x83, 0, 0, UUID_B);
    fake.fake_amd_set_energy(0, 4_242, 15.3f, OK);
    fake.fake_amd_set_energy(1, 0, 15.3f, OK);
    amdgpuSensor("hwmon3", "0000:03:00.0", 100_000_000);
    amdgpuSensor("hwmon4", "0000:83:00.0", 100_000_000);
    Discovery d = discover();
    AmdSmiProbe p = (AmdSmiProbe) d.probes().get(0);
    assertThat(d.status().detail()).contains("stuck-counter watch on ");

    nanos += 500_000_000L;
    fake.fake_amd_set_energy(1, 1_000_000, 15.3f, OK);
    p.sample();
    assertThat(p.diagnostics()).isEmpty(); // too early to tell

    nanos += 1_500_000_000L;
    fake.fake_amd_set_energy(1, 2_000_000, 15.3f, OK);
    p.sample();
    assertThat(p.diagnostics())
        .containsExactly(
            "gpu:amd-0000:03:00.0: energy counter has not moved in 2.0 s while amdgpu hwmon"
                + " reports 100.0 W: a known firmware problem (MI210: ROCm/rocm_smi_lib#180;"
                + " MI100: ROCm/amdsmi#38); this GPU's energy reads too low, restart the job or"
                + " reboot the node");
    assertThat(read(p)[0]).containsExactly(0.0, 30.6);

    fake.fake_amd_set_energy(0, 4_243, 15.3f, OK); // it moves after all
    p.sample();
    assertThat(p.diagnostics()).isEmpty();
  }

  @Test
  void idleGpuWithAStillCounterIsNotCalledStuck() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 7, 15.3f, OK);
    amdgpuSensor("hwmon3", "0000:03:00.0", 500_000); // 0.5 W
    AmdSmiProbe p = (AmdSmiProbe) discover().probes().get(0);
    nanos += 5_000_000_000L;
    p.sample();
    assertThat(p.diagnostics()).isEmpty();
  }

  @Test
  void gpuMeasuredByAmdSmiIsNotAlsoIntegratedByHwmon() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, OK);
    amdgpuSensor("hwmon3", "0000:03:00.0", 200_000_000);
    amdgpuSensor("hwmon5", "0000:c3:00.0", 50_000_000); // an AMD GPU AMD SMI does not list

    try (DiscoveredProbes d = ProbeDiscovery.discover(ctx(settings().build()))) {
      assertThat(status(d, "amdsmi").state()).isEqualTo(State.OK);
      assertThat(probe(d, "amdsmi").domains())
          .extracting(EnergyDomain::id)
          .containsExactly("gpu:amd-0000:03:00.0");
      assertThat(status(d, "amdgpu-hwmon").detail())
          .contains("0000:03:00.0: measured by AMD SMI instead");
      assertThat(status(d, "amdgpu-hwmon").state()).isEqualTo(State.OK);
      assertThat(probe(d, "amdgpu-hwmon").domains())
          .extracting(EnergyDomain::id)
          .containsExactly("gpu:amdgpu-0000:c3:00.0");
      assertThat(
              d.probes().stream()
                  .flatMap(p -> p.domains().stream())
                  .filter(dom -> dom.id().endsWith("0000:03:00.0"))
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void hwmonWithEveryGpuMeasuredByAmdSmiAsksNothingOfTheUser() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, OK);
    amdgpuSensor("hwmon3", "0000:03:00.0", 200_000_000);

    try (DiscoveredProbes d = ProbeDiscovery.discover(ctx(settings().build()))) {
      assertThat(d.probes())
          .extracting(EnergyProbe::name)
          .contains("amdsmi")
          .doesNotContain("amdgpu-hwmon");
      ProbeStatus hwmon = status(d, "amdgpu-hwmon");
      assertThat(hwmon.state()).isEqualTo(State.UNSUPPORTED);
      assertThat(hwmon.detail()).isEqualTo("0000:03:00.0: measured by AMD SMI instead");
      assertThat(hwmon.remedy()).isEmpty();
    }
  }

  @Test
  void gpuWithoutEnergyCounterIsLeftToHwmon() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_energy(0, 0, 15.3f, NOT_SUPPORTED);
    amdgpuSensor("hwmon3", "0000:03:00.0", 200_000_000);

    try (DiscoveredProbes d = ProbeDiscovery.discover(ctx(settings().build()))) {
      assertThat(status(d, "amdsmi").state()).isEqualTo(State.UNSUPPORTED);
      assertThat(probe(d, "amdgpu-hwmon").domains())
          .extracting(EnergyDomain::id)
          .containsExactly("gpu:amdgpu-0000:03:00.0");
    }
  }

  @Test
  void missingLibraryIsAbsentAndHwmonIntegratesInstead() throws IOException {
    amdgpuSensor("hwmon3", "0000:03:00.0", 200_000_000);
    ProbeSettings s = settings().amdSmiLibrary(tmp.resolve("no-libamd_smi.so").toString()).build();

    try (DiscoveredProbes d = ProbeDiscovery.discover(ctx(s))) {
      ProbeStatus amd = status(d, "amdsmi");
      assertThat(amd.state()).isEqualTo(State.ABSENT);
      assertThat(amd.detail())
          .contains("cannot be loaded (ROCm AMD SMI is not installed)")
          .endsWith("amdgpu hwmon power integration is used instead");
      assertThat(amd.remedy()).contains("amd-smi-lib");
      assertThat(d.probes()).extracting(EnergyProbe::name).doesNotContain("amdsmi");
      EnergyProbe hwmon = probe(d, "amdgpu-hwmon");
      assertThat(hwmon.domains().get(0).id()).isEqualTo("gpu:amdgpu-0000:03:00.0");
      assertThat(hwmon.domains().get(0).method()).isEqualTo(EnergyMethod.INTEGRATED);
      nanos += 1_000_000_000L;
      hwmon.sample();
      assertThat(read(hwmon)[0]).containsExactly(200.0);
    }
  }

  @Test
  void initFailureLeavesEveryGpuToHwmon() throws IOException {
    fake.fake_amd_add_gpu(0, 0, 0x03, 0, 0, UUID_A);
    fake.fake_amd_set_init_rc(INIT_ERROR);
    amdgpuSensor("hwmon3", "0000:03:00.0", 200_000_000);

    try (DiscoveredProbes d = ProbeDiscovery.discover(ctx(settings().build()))) {
      assertThat(status(d, "amdsmi").detail()).contains("AMDSMI_STATUS_INIT_ERROR (18)");
      assertThat(probe(d, "amdgpu-hwmon").domains())
          .extracting(EnergyDomain::id)
          .containsExactly("gpu:amdgpu-0000:03:00.0");
    }
  }
}
