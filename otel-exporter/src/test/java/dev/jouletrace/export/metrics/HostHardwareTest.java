package dev.jouletrace.export.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.api.common.Attributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor from /proc/cpuinfo and the device inventory the resource carries. */
class HostHardwareTest {
  @TempDir Path dir;

  @Test
  void theFirstProcessorsFieldsAreRead() throws IOException {
    HostHardware host = amd();

    assertThat(host.cpuVendorId()).isEqualTo("AuthenticAMD");
    assertThat(host.cpuVendor()).isEqualTo("AMD");
    assertThat(host.cpuModelName()).isEqualTo("AMD EPYC 9654 96-Core Processor");
    assertThat(host.cpuFamily()).isEqualTo("25");
    assertThat(host.cpuModelId()).isEqualTo("17");
    assertThat(host.cpuStepping()).isEqualTo("1");
  }

  @Test
  void anAbsentFileLeavesEverythingEmpty() {
    HostHardware host = HostHardware.fromCpuInfo(dir.resolve("absent"));

    assertThat(host.cpuVendor()).isEmpty();
    assertThat(host.cpuModelName()).isEmpty();
  }

  @Test
  void theInventoryListsTheGpusOnceWithTheirModelsAndTheProcessor() throws IOException {
    List<EnergyDomain> domains =
        List.of(
            EnergyDomain.of("cpu:package-0", DomainKind.CPU, "z", EnergyMethod.MEASURED, "s"),
            EnergyDomain.of("gpu:GPU-aaaa", DomainKind.GPU, "d", EnergyMethod.MEASURED, "s")
                .withHardware("NVIDIA", "NVIDIA H200"),
            EnergyDomain.of("gpu:GPU-bbbb", DomainKind.GPU, "d", EnergyMethod.MEASURED, "s")
                .withHardware("NVIDIA", "NVIDIA H200"));

    Attributes a = DeviceInventory.attributes(domains, amd());

    assertThat(a.get(DeviceInventory.GPU_COUNT)).isEqualTo(2L);
    assertThat(a.get(DeviceInventory.GPU_IDS)).containsExactly("GPU-aaaa", "GPU-bbbb");
    assertThat(a.get(DeviceInventory.GPU_MODELS)).containsExactly("NVIDIA H200", "NVIDIA H200");
    assertThat(a.get(DeviceInventory.GPU_VENDORS)).containsExactly("NVIDIA", "NVIDIA");
    assertThat(a.get(DeviceInventory.CPU_MODEL_NAME)).isEqualTo("AMD EPYC 9654 96-Core Processor");
    assertThat(a.get(DeviceInventory.CPU_VENDOR_ID)).isEqualTo("AuthenticAMD");
    assertThat(a.get(DeviceInventory.ENERGY_DOMAINS))
        .containsExactly("cpu:package-0", "gpu:GPU-aaaa", "gpu:GPU-bbbb");
  }

  private HostHardware amd() throws IOException {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(
        cpuinfo,
        "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\n"
            + "model name\t: AMD EPYC 9654 96-Core Processor\nstepping\t: 1\n\n"
            + "processor\t: 1\nvendor_id\t: AuthenticAMD\nmodel name\t: other\n");
    return HostHardware.fromCpuInfo(cpuinfo);
  }
}
