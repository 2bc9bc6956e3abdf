package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Pointer;

/**
 * Direct-mapped NVML entry points ({@code Native.register}, about 200 ns a call against 600 ns for
 * interface mapping; docs/PROBES.md §1.1), one holder class per symbol group.
 *
 * <p>Why groups: {@code Native.register} fails for a whole class when one symbol is missing (an
 * older driver), so each optional function sits in its own class and is registered, and thus
 * probed, once. The suffixed symbols are bound on purpose: the unsuffixed {@code nvmlInit}, {@code
 * nvmlDeviceGetCount}, {@code ...HandleByIndex} and {@code ...ComputeRunningProcesses} are old ABI
 * versions with other struct layouts (nvml.h:118-138).
 *
 * <p>{@code nvmlDevice_t} is an opaque pointer: handles go in as {@link Pointer} and come out
 * through a {@code long[1]} (LP64 only, like NVML on Linux x86-64 and aarch64).
 */
final class NvmlCalls {
  private NvmlCalls() {}

  /** Always present since the R3xx drivers. */
  static final class Core {
    static native int nvmlInit_v2();

    static native int nvmlShutdown();

    static native int nvmlDeviceGetCount_v2(int[] count);

    static native int nvmlDeviceGetHandleByIndex_v2(int index, long[] device);

    static native int nvmlDeviceGetHandleByUUID(String uuid, long[] device);

    static native int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    static native int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    private Core() {}
  }

  /** mJ since driver load; Volta and newer. */
  static final class TotalEnergy {
    static native int nvmlDeviceGetTotalEnergyConsumption(Pointer device, long[] energyMj);

    private TotalEnergy() {}
  }

  /** mW, GPU plus memory; a 1 s average on Ampere (except GA100) and newer. */
  static final class PowerUsage {
    static native int nvmlDeviceGetPowerUsage(Pointer device, int[] powerMw);

    private PowerUsage() {}
  }

  /** Field values (185 average / 186 instant power) into a reused 40-byte-per-value buffer. */
  static final class FieldValues {
    static native int nvmlDeviceGetFieldValues(Pointer device, int count, Pointer values);

    private FieldValues() {}
  }

  static final class EnforcedPowerLimit {
    static native int nvmlDeviceGetEnforcedPowerLimit(Pointer device, int[] limitMw);

    private EnforcedPowerLimit() {}
  }

  /** nvmlUtilization_t is {uint gpu; uint memory}: an int[2]. Not supported on MIG. */
  static final class UtilizationRates {
    static native int nvmlDeviceGetUtilizationRates(Pointer device, int[] utilization);

    private UtilizationRates() {}
  }

  /** Per-process SM utilisation samples; Maxwell and newer, not on MIG. */
  static final class ProcessUtilization {
    static native int nvmlDeviceGetProcessUtilization(
        Pointer device, Pointer samples, int[] count, long lastSeenTimeStampUs);

    private ProcessUtilization() {}
  }

  static final class ComputeRunningProcesses {
    static native int nvmlDeviceGetComputeRunningProcesses_v3(
        Pointer device, int[] count, Pointer infos);

    private ComputeRunningProcesses() {}
  }

  /** What CUDA's device order is built from: PCI bus id and compute capability. */
  static final class Topology {
    static native int nvmlDeviceGetPciInfo_v3(Pointer device, Pointer pci);

    static native int nvmlDeviceGetCudaComputeCapability(Pointer device, int[] major, int[] minor);

    private Topology() {}
  }

  /** MIG queries, all introduced together with MIG (R450). */
  static final class Mig {
    static native int nvmlDeviceGetMigMode(Pointer device, int[] current, int[] pending);

    static native int nvmlDeviceGetMaxMigDeviceCount(Pointer device, int[] count);

    static native int nvmlDeviceGetMigDeviceHandleByIndex(Pointer device, int index, long[] mig);

    static native int nvmlDeviceGetGpuInstanceId(Pointer device, int[] id);

    static native int nvmlDeviceGetComputeInstanceId(Pointer device, int[] id);

    private Mig() {}
  }
}
