package dev.jouletrace.probe.internal.nvml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What NVML told us about one physical GPU, as needed to map CUDA_VISIBLE_DEVICES onto it. */
final class GpuInfo {
  final int nvmlIndex;
  final String uuid;
  final String name;

  /** e.g. {@code 00000000:3B:00.0}; empty when unknown. */
  final String pciBusId;

  /** Compute capability, or -1 when unknown. */
  final int ccMajor;

  final int ccMinor;
  final boolean migEnabled;
  final List<MigInstance> migs;

  GpuInfo(
      int nvmlIndex,
      String uuid,
      String name,
      String pciBusId,
      int ccMajor,
      int ccMinor,
      boolean migEnabled,
      List<MigInstance> migs) {
    this.nvmlIndex = nvmlIndex;
    this.uuid = uuid;
    this.name = name;
    this.pciBusId = pciBusId;
    this.ccMajor = ccMajor;
    this.ccMinor = ccMinor;
    this.migEnabled = migEnabled;
    this.migs = Collections.unmodifiableList(new ArrayList<>(migs));
  }

  @Override
  public String toString() {
    return uuid + " (" + name + ")";
  }

  /** One MIG compute instance: its own UUID and its GPU/compute instance ids on the board. */
  static final class MigInstance {
    final String uuid;
    final int gpuInstanceId;
    final int computeInstanceId;

    MigInstance(String uuid, int gpuInstanceId, int computeInstanceId) {
      this.uuid = uuid;
      this.gpuInstanceId = gpuInstanceId;
      this.computeInstanceId = computeInstanceId;
    }

    @Override
    public String toString() {
      return uuid + " (gi " + gpuInstanceId + ", ci " + computeInstanceId + ")";
    }
  }
}
