package dev.jouletrace.probe.internal.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CudaVisibleDevicesTest {
  // NVML index order differs from both CUDA orders on purpose.
  private static final GpuInfo V100 =
      new GpuInfo(0, "GPU-1111aaaa-0000", "Tesla V100", "00000000:3B:00.0", 7, 0, false, List.of());
  private static final GpuInfo A100_LOW =
      new GpuInfo(1, "GPU-2222bbbb-0000", "A100", "00000000:1A:00.0", 8, 0, false, List.of());
  private static final GpuInfo A100_HIGH =
      new GpuInfo(2, "GPU-3333cccc-0000", "A100", "00000000:5E:00.0", 8, 0, false, List.of());
  private static final GpuInfo MIG_BOARD =
      new GpuInfo(
          3,
          "GPU-4444dddd-0000",
          "H100",
          "00000000:9A:00.0",
          9,
          0,
          true,
          List.of(
              new GpuInfo.MigInstance("MIG-aaaa0001-0000", 1, 0),
              new GpuInfo.MigInstance("MIG-bbbb0002-0000", 2, 0)));
  private static final List<GpuInfo> GPUS = List.of(V100, A100_LOW, A100_HIGH);

  private static List<String> uuids(String cvd, String order, List<GpuInfo> gpus) {
    return CudaVisibleDevices.resolve(cvd, order, gpus).visible.stream()
        .map(v -> v.gpu.uuid)
        .collect(Collectors.toList());
  }

  @Test
  void unsetMeansEveryGpuAndEmptyMeansNone() {
    assertThat(uuids(null, null, GPUS)).hasSize(3);
    assertThat(uuids("", null, GPUS)).isEmpty();
    assertThat(uuids("  ", null, GPUS)).isEmpty();
  }

  @Test
  void defaultOrderIsComputeCapabilityThenPciBusId() {
    assertThat(uuids("0", null, GPUS)).containsExactly(A100_LOW.uuid);
    assertThat(uuids("1", null, GPUS)).containsExactly(A100_HIGH.uuid);
    assertThat(uuids("2", null, GPUS)).containsExactly(V100.uuid);
    assertThat(CudaVisibleDevices.resolve("2", null, GPUS).note)
        .contains("FASTEST_FIRST order (compute capability, then PCI bus id)");
  }

  @Test
  void pciBusIdOrderSortsByBusId() {
    assertThat(uuids("0,1,2", "PCI_BUS_ID", GPUS))
        .containsExactly(A100_LOW.uuid, V100.uuid, A100_HIGH.uuid);
  }

  @Test
  void unknownComputeCapabilityFallsBackToNvmlOrderAndSaysSo() {
    GpuInfo noCc = new GpuInfo(0, "GPU-9", "old", "00000000:01:00.0", -1, -1, false, List.of());
    List<GpuInfo> gpus = List.of(noCc, A100_LOW);
    assertThat(uuids("0", null, gpus)).containsExactly("GPU-9");
    assertThat(CudaVisibleDevices.resolve("0", null, gpus).note)
        .contains("NVML order", "CUDA_DEVICE_ORDER=PCI_BUS_ID");
  }

  @Test
  void uuidPrefixesMatchOnlyWhenUnique() {
    assertThat(uuids("GPU-3333", null, GPUS)).containsExactly(A100_HIGH.uuid);
    assertThat(uuids("gpu-1111AAAA", null, GPUS)).containsExactly(V100.uuid);
    // "GPU-" alone matches all three: invalid, so nothing is visible.
    assertThat(uuids("GPU-", null, GPUS)).isEmpty();
  }

  @Test
  void parsingStopsAtTheFirstInvalidEntryAsCudaDoes() {
    assertThat(uuids("GPU-1111,7,0", null, GPUS)).containsExactly(V100.uuid);
    assertThat(uuids("-1", null, GPUS)).isEmpty();
    assertThat(CudaVisibleDevices.resolve("GPU-1111,bogus", null, GPUS).note)
        .contains("stopped at invalid entry 'bogus'");
  }

  @Test
  void repeatedBoardIsChargedOnce() {
    assertThat(uuids("0, 0 ,GPU-2222", null, GPUS)).containsExactly(A100_LOW.uuid);
  }

  @Test
  void migUuidsAndLegacyMigIdsResolveToTheirBoard() {
    List<GpuInfo> gpus = List.of(V100, MIG_BOARD);
    CudaVisibleDevices.Resolution r = CudaVisibleDevices.resolve("MIG-bbbb0002-0000", null, gpus);
    assertThat(r.visible).hasSize(1);
    assertThat(r.visible.get(0).gpu).isSameAs(MIG_BOARD);
    assertThat(r.visible.get(0).migs).extracting(m -> m.gpuInstanceId).containsExactly(2);

    r = CudaVisibleDevices.resolve("MIG-GPU-4444dddd-0000/1/0,MIG-bbbb0002-0000", null, gpus);
    assertThat(r.visible).hasSize(1);
    assertThat(r.visible.get(0).migs)
        .extracting(m -> m.uuid)
        .containsExactly("MIG-aaaa0001-0000", "MIG-bbbb0002-0000");
    assertThat(r.visible.get(0).viaMig()).isTrue();
  }
}
