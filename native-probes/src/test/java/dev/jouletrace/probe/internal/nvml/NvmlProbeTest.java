package dev.jouletrace.probe.internal.nvml;

import static dev.jouletrace.probe.internal.OpenedProbes.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.OpenedProbes;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NvmlProbeTest {
  private static final String GPU_A = "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6";
  private static final String GPU_B = "GPU-0b5f2b5c-4a1e-4f7e-9e53-3f1c0c2d9a11";
  private static final int OK = 0;
  private static final int NOT_SUPPORTED = 3;
  private static final int NOT_FOUND = 6;
  private static final int OUR_PID = (int) ProcessHandle.current().pid();

  private final FakeNvml.Control fake = FakeNvml.control();
  private final Map<String, String> env = new HashMap<>();
  private long nanos = 5_000_000_000L;
  private Discovery discovery;

  @AfterEach
  void closeProbes() {
    OpenedProbes.close(discovery);
  }

  private Discovery discover() {
    return discover(FakeNvml.LIBRARY.toString());
  }

  private Discovery discover(String library) {
    ProbeSettings s = ProbeSettings.builder().nvmlLibrary(library).environment(env).build();
    discovery =
        NvmlDiscovery.discover(
            new ProbeContext(s, SysfsAccess.real(), new ScriptedCpuTime(), () -> nanos));
    return discovery;
  }

  private void advanceMillis(long ms) {
    nanos += ms * 1_000_000L;
  }

  @Test
  void energyCounterIsMeasuredAndTheJvmGetsItsSmShare() {
    fake.fake_add_device(GPU_A, "NVIDIA A100-SXM4-80GB", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 1_000_000, OK);

    Discovery d = discover();

    assertThat(d.status().state()).isEqualTo(State.OK);
    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).id()).isEqualTo("gpu:" + GPU_A);
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.MEASURED);
    assertThat(p.domains().get(0).attribution()).isEqualTo("process-sm-utilisation-share");
    assertThat(p.maxSamplePeriod()).isEqualTo(Duration.ofSeconds(1));

    // Window 1: 100 J; this JVM had 30 of 40 SM-percent (75 %).
    fake.fake_set_process(0, 0, OUR_PID, 30);
    fake.fake_set_process(0, 1, 4242, 10);
    fake.fake_set_process_samples(0, 2, 1_000, OK);
    fake.fake_set_energy(0, 1_100_000, OK);
    p.sample();
    assertThat(read(p)[0]).containsExactly(100.0);
    assertThat(read(p)[1]).containsExactly(75.0);

    // Window 2: 40.5 J at 25 %.
    fake.fake_set_process(0, 0, OUR_PID, 10);
    fake.fake_set_process(0, 1, 4242, 30);
    fake.fake_set_process_samples(0, 2, 2_000, OK);
    fake.fake_set_energy(0, 1_140_500, OK);
    p.sample();
    double[][] r = read(p);
    assertThat(r[0]).containsExactly(140.5);
    assertThat(r[1]).containsExactly(75.0 + 40.5 * 0.25);
  }

  @Test
  void counterDecreaseIsAResetAndItsIntervalIsDropped() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 5_000_000, OK);
    EnergyProbe p = discover().probes().get(0);

    fake.fake_set_energy(0, 5_010_000, OK);
    p.sample();
    fake.fake_set_energy(0, 200, OK); // driver reloaded
    p.sample();
    fake.fake_set_energy(0, 2_200, OK);

    assertThat(read(p)[0]).containsExactly(12.0);
  }

  @Test
  void withoutEnergyCounterInstantPowerIsIntegratedAtTenHertz() {
    fake.fake_add_device(GPU_A, "Tesla T4", "00000000:07:00.0", 7, 5);
    fake.fake_set_energy(0, 0, NOT_SUPPORTED);
    fake.fake_set_power(0, 250_000, OK, OK, OK);

    Discovery d = discover();
    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.INTEGRATED);
    assertThat(p.maxSamplePeriod()).isEqualTo(Duration.ofMillis(100));
    assertThat(d.status().detail()).contains("instant power (field 186)");

    for (int i = 0; i < 10; i++) {
      advanceMillis(100);
      p.sample();
    }
    assertThat(read(p)[0]).containsExactly(250.0);
    fake.fake_set_power(0, 100_000, OK, OK, OK);
    advanceMillis(100);
    p.sample(); // trapezoid (250 + 100) / 2 × 0.1 s
    assertThat(read(p)[0][0]).isCloseTo(267.5, org.assertj.core.data.Offset.offset(1e-9));
    // Between samples the last power is held: 50 ms at 100 W.
    advanceMillis(50);
    assertThat(read(p)[0][0]).isCloseTo(272.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void eachFieldValueReturnIsCheckedBeforeFallingBack() {
    fake.fake_add_device(GPU_A, "A10", "00000000:07:00.0", 8, 6);
    fake.fake_set_energy(0, 0, NOT_SUPPORTED);
    fake.fake_set_power(0, 150_000, NOT_SUPPORTED, OK, OK);
    assertThat(discover().status().detail()).contains("1 s average power (field 185)");
    closeProbes();

    fake.fake_reset();
    fake.fake_add_device(GPU_A, "A10", "00000000:07:00.0", 8, 6);
    fake.fake_set_energy(0, 0, NOT_SUPPORTED);
    fake.fake_set_power(0, 150_000, NOT_SUPPORTED, NOT_SUPPORTED, OK);
    Discovery d = discover();
    assertThat(d.status().detail()).contains("power (nvmlDeviceGetPowerUsage)");
    EnergyProbe p = d.probes().get(0);
    advanceMillis(2_000);
    p.sample();
    assertThat(read(p)[0]).containsExactly(300.0);
  }

  @Test
  void withoutAnyPowerReadingPowerLimitTimesUtilisationIsEstimated() {
    fake.fake_add_device(GPU_A, "GRID", "00000000:07:00.0", 7, 0);
    fake.fake_set_energy(0, 0, NOT_SUPPORTED);
    fake.fake_set_power(0, 0, NOT_SUPPORTED, NOT_SUPPORTED, NOT_SUPPORTED);
    fake.fake_set_limit(0, 300_000, OK);
    fake.fake_set_utilization(0, 50, OK);

    Discovery d = discover();
    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.ESTIMATED);
    assertThat(d.status().detail()).contains("enforced power limit 300.0 W × GPU utilisation");
    advanceMillis(1_000);
    p.sample();
    assertThat(read(p)[0]).containsExactly(150.0);
  }

  @Test
  void gpuWithNeitherEnergyNorPowerNorLimitIsUnsupported() {
    fake.fake_add_device(GPU_A, "GRID", "00000000:07:00.0", 7, 0);
    fake.fake_set_energy(0, 0, NOT_SUPPORTED);
    fake.fake_set_power(0, 0, NOT_SUPPORTED, NOT_SUPPORTED, NOT_SUPPORTED);
    fake.fake_set_limit(0, 0, NOT_SUPPORTED);

    Discovery d = discover();
    assertThat(d.isOpen()).isFalse();
    assertThat(d.status().state()).isEqualTo(State.UNSUPPORTED);
  }

  @Test
  void cudaVisibleDevicesLimitsTheJvmToItsBoardsByUuid() {
    fake.fake_add_device(GPU_A, "V100", "00000000:3B:00.0", 7, 0);
    fake.fake_add_device(GPU_B, "A100", "00000000:1A:00.0", 8, 0);
    fake.fake_set_energy(0, 0, OK);
    fake.fake_set_energy(1, 0, OK);

    env.put("CUDA_VISIBLE_DEVICES", "0"); // CUDA index 0 is the A100 (higher compute capability)
    Discovery d = discover();
    assertThat(d.probes().get(0).domains())
        .extracting(dom -> dom.id())
        .containsExactly("gpu:" + GPU_B);
    closeProbes();

    env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
    env.put("CUDA_VISIBLE_DEVICES", "1");
    assertThat(discover().probes().get(0).domains())
        .extracting(dom -> dom.id())
        .containsExactly("gpu:" + GPU_A);
    closeProbes();

    env.put("CUDA_VISIBLE_DEVICES", "");
    Discovery none = discover();
    assertThat(none.isOpen()).isFalse();
    assertThat(none.status().state()).isEqualTo(State.ABSENT);
    assertThat(none.status().detail()).contains("hides every GPU from this JVM (2 on the host)");
  }

  @Test
  void migInstanceIsChargedTheBoardLevelFigureLabelledAsSuch() {
    fake.fake_add_device(GPU_A, "H100", "00000000:9A:00.0", 9, 0);
    fake.fake_set_mig(0, 1, 0, "MIG-11111111-2222-3333-4444-555555555555", 1, 0);
    fake.fake_set_mig(0, 1, 1, "MIG-66666666-7777-8888-9999-000000000000", 2, 0);
    fake.fake_set_energy(0, 0, OK);
    env.put("CUDA_VISIBLE_DEVICES", "MIG-66666666-7777-8888-9999-000000000000");

    Discovery d = discover();
    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).id()).isEqualTo("gpu:" + GPU_A);
    assertThat(p.domains().get(0).attribution()).isEqualTo("mig-board-level");
    assertThat(p.domains().get(0).device())
        .contains("board-level figure")
        .contains("MIG-66666666-7777-8888-9999-000000000000 (gi 2, ci 0)");
    fake.fake_set_energy(0, 42_000, OK);
    double[][] r = read(p);
    assertThat(r[0]).containsExactly(42.0);
    assertThat(r[1]).containsExactly(42.0);
  }

  @Test
  void computeProcessListSplitsTheBoardWhenNoSmSamplesArrive() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 0, OK);
    EnergyProbe p = discover().probes().get(0);

    fake.fake_set_process(0, 0, OUR_PID, 0);
    fake.fake_set_process(0, 1, 1, 0); // pid 1 exists in this /proc: same namespace
    fake.fake_set_process_samples(0, 2, 0, NOT_FOUND);
    fake.fake_set_energy(0, 10_000, OK);
    p.sample();
    assertThat(read(p)[1]).containsExactly(5.0);
  }

  @Test
  void foreignPidNamespaceAssumesTheJvmIsOneOfTheComputeProcesses() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 0, OK);
    EnergyProbe p = discover().probes().get(0);

    // Host PIDs that do not exist here, SM samples included: NVML sees us under another PID.
    fake.fake_set_process(0, 0, 2_000_000_001, 40);
    fake.fake_set_process(0, 1, 2_000_000_002, 40);
    fake.fake_set_process(0, 2, 2_000_000_003, 40);
    fake.fake_set_process(0, 3, 2_000_000_004, 40);
    fake.fake_set_process_samples(0, 4, 5_000, OK);
    fake.fake_set_energy(0, 8_000, OK);
    p.sample();
    assertThat(read(p)[1]).containsExactly(2.0);
    assertThat(((NvmlProbe) p).shareSummary()).contains("PID namespace differs");
  }

  @Test
  void missingSymbolsOfAnOldDriverFallBackWithoutFailing() {
    FakeNvml.Control old = FakeNvml.oldDriverControl();
    old.fake_add_device(GPU_A, "Tesla K80", "00000000:07:00.0", 3, 7);
    old.fake_set_power(0, 100_000, OK, OK, OK);
    old.fake_set_process(0, 0, OUR_PID, 0);

    Discovery d = discover(FakeNvml.OLD_DRIVER.toString());

    EnergyProbe p = d.probes().get(0);
    assertThat(p.domains().get(0).method()).isEqualTo(EnergyMethod.INTEGRATED);
    advanceMillis(1_000);
    p.sample();
    double[][] r = read(p);
    assertThat(r[0]).containsExactly(100.0);
    assertThat(r[1]).containsExactly(100.0); // alone in the compute-process list
  }

  @Test
  void functionNotFoundIsAskedOnlyOnce() throws IOException {
    // A private copy: the remembered FUNCTION_NOT_FOUND must not leak into other tests.
    Path copy = FakeNvml.DIR.resolve("once").resolve("libfake-nvidia-ml.so.1");
    Files.createDirectories(copy.getParent());
    Files.copy(FakeNvml.LIBRARY, copy, StandardCopyOption.REPLACE_EXISTING);
    FakeNvml.Control c = com.sun.jna.Native.load(copy.toString(), FakeNvml.Control.class);
    c.fake_reset();
    c.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    c.fake_add_device(GPU_B, "A100", "00000000:08:00.0", 8, 0);
    c.fake_set_energy(0, 0, 13);
    c.fake_set_energy(1, 0, 13);
    c.fake_set_power(0, 1_000, OK, OK, OK);
    c.fake_set_power(1, 1_000, OK, OK, OK);

    Discovery d = discover(copy.toString());
    assertThat(d.probes().get(0).domains()).hasSize(2);
    assertThat(c.fake_calls(FakeNvml.C_ENERGY)).isEqualTo(1);
  }

  @Test
  void energyCounterIsCrossCheckedAgainstIntegratedPowerThatAgrees() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 1_000_000, OK);
    fake.fake_set_power(0, 250_000, OK, OK, OK);
    Discovery d = discover();
    NvmlProbe p = (NvmlProbe) d.probes().get(0);
    assertThat(d.status().detail())
        .contains(
            "energy counter (nvmlDeviceGetTotalEnergyConsumption), cross-checked against"
                + " instant power (field 186)");
    assertThat(p.crossCheck(0)).isNaN();
    assertThat(p.diagnostics())
        .containsExactly("cross-check gpu:" + GPU_A + ": no complete sampler interval yet");

    // 1 s at 250 W by the counter and by instant power.
    advanceMillis(1_000);
    fake.fake_set_energy(0, 1_250_000, OK);
    p.sample();

    assertThat(read(p)[0]).containsExactly(250.0);
    assertThat(p.crossCheck(0)).isEqualTo(0.0);
    assertThat(p.diagnostics())
        .containsExactly(
            "cross-check gpu:"
                + GPU_A
                + ": over 1.0 s the energy counter gave 250.00 J and instant power (field 186)"
                + " integrated gave 250.00 J: power integration +0.0 % vs counter");
  }

  @Test
  void powerTenPercentAboveTheCounterShowsAsTenPercent() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 1_000_000, OK);
    fake.fake_set_power(0, 275_000, OK, OK, OK);
    NvmlProbe p = (NvmlProbe) discover().probes().get(0);

    advanceMillis(1_000);
    fake.fake_set_energy(0, 1_250_000, OK); // the counter says 250 W
    p.sample();

    assertThat(p.crossCheck(0)).isEqualTo(0.1);
    assertThat(read(p)[0]).containsExactly(250.0); // the counter is what is reported
    assertThat(p.diagnostics().get(0)).endsWith("power integration +10.0 % vs counter");

    // A counter reset drops the interval from both sides of the comparison.
    advanceMillis(1_000);
    fake.fake_set_energy(0, 100, OK);
    fake.fake_set_power(0, 900_000, OK, OK, OK);
    p.sample();
    assertThat(p.crossCheck(0)).isEqualTo(0.1);

    // So does an interval in which power could not be read.
    advanceMillis(1_000);
    fake.fake_set_energy(0, 900_100, OK);
    fake.fake_set_power(0, 0, NOT_SUPPORTED, NOT_SUPPORTED, NOT_SUPPORTED);
    p.sample();
    assertThat(p.crossCheck(0)).isEqualTo(0.1);
    assertThat(read(p)[0]).containsExactly(1_150.0);
  }

  @Test
  void boardWithoutPowerReadingHasNoCrossCheck() {
    fake.fake_add_device(GPU_A, "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 0, OK);
    fake.fake_set_power(0, 0, NOT_SUPPORTED, NOT_SUPPORTED, NOT_SUPPORTED);
    NvmlProbe p = (NvmlProbe) discover().probes().get(0);
    advanceMillis(1_000);
    fake.fake_set_energy(0, 100_000, OK);
    p.sample();
    assertThat(p.crossCheck(0)).isNaN();
    assertThat(p.diagnostics())
        .containsExactly(
            "cross-check gpu:" + GPU_A + ": no power reading to cross-check the counter with");
  }

  @Test
  void initFailureAndMissingLibraryBecomeStatuses() {
    fake.fake_set_init_rc(9);
    Discovery d = discover();
    assertThat(d.status().state()).isEqualTo(State.ABSENT);
    assertThat(d.status().detail()).contains("DRIVER_NOT_LOADED");

    Discovery missing = discover("/nonexistent/libnvidia-ml.so.1");
    assertThat(missing.status().state()).isEqualTo(State.ABSENT);
    assertThat(missing.status().detail()).contains("cannot be loaded");
    assertThat(missing.status().remedy()).contains("--gpus all");
  }
}
