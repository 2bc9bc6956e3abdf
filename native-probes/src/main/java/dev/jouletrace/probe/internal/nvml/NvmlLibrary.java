package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Pointer;
import dev.jouletrace.probe.internal.NativeBinding;

/**
 * The loaded {@code libnvidia-ml.so.1}: binds the core symbols, registers each optional group on
 * first use (once; a missing symbol is remembered as {@link NvmlReturn#FUNCTION_NOT_FOUND}) and
 * returns raw {@code nvmlReturn_t} codes. NVML is thread-safe (nvml.h:44); the cache of missing
 * groups tolerates benign races.
 *
 * <p>Loaded by the versioned soname: the driver ships only {@code libnvidia-ml.so.1}, and {@code
 * Native.load("nvidia-ml")} would not look in {@code LD_LIBRARY_PATH} (docs/PROBES.md §1.1).
 */
final class NvmlLibrary {
  private static final NativeBinding.Slot<Group> SLOT =
      new NativeBinding.Slot<>(NvmlCalls.Core.class, Group.class, g -> g.holder);

  private final NativeBinding<Group> binding;

  /** The optional symbol groups of {@link NvmlCalls}. */
  enum Group {
    TOTAL_ENERGY(NvmlCalls.TotalEnergy.class),
    POWER_USAGE(NvmlCalls.PowerUsage.class),
    FIELD_VALUES(NvmlCalls.FieldValues.class),
    ENFORCED_POWER_LIMIT(NvmlCalls.EnforcedPowerLimit.class),
    UTILIZATION_RATES(NvmlCalls.UtilizationRates.class),
    PROCESS_UTILIZATION(NvmlCalls.ProcessUtilization.class),
    COMPUTE_RUNNING_PROCESSES(NvmlCalls.ComputeRunningProcesses.class),
    TOPOLOGY(NvmlCalls.Topology.class),
    MIG(NvmlCalls.Mig.class);

    final Class<?> holder;

    Group(Class<?> holder) {
      this.holder = holder;
    }
  }

  private NvmlLibrary(NativeBinding<Group> binding) {
    this.binding = binding;
  }

  /**
   * Loads and binds NVML; a JVM binds one NVML at a time (a second name, only seen in tests,
   * rebinds). Throws {@link UnsatisfiedLinkError} when the library or a core symbol is missing.
   */
  static NvmlLibrary load(String libraryName) {
    return new NvmlLibrary(SLOT.bind(libraryName));
  }

  String libraryName() {
    return binding.libraryName();
  }

  /** Whether the group's symbols exist; registers them on first call. */
  boolean has(Group g) {
    return binding.has(g);
  }

  /**
   * Marks a group missing after the driver answered FUNCTION_NOT_FOUND, so it is not asked again.
   */
  int remember(Group g, int rc) {
    if (rc == NvmlReturn.FUNCTION_NOT_FOUND) {
      binding.markMissing(g);
    }
    return rc;
  }

  // ---- core -------------------------------------------------------------------------------

  int init() {
    return NvmlCalls.Core.nvmlInit_v2();
  }

  int shutdown() {
    return NvmlCalls.Core.nvmlShutdown();
  }

  int deviceCount(int[] count) {
    return NvmlCalls.Core.nvmlDeviceGetCount_v2(count);
  }

  int handleByIndex(int index, long[] handle) {
    return NvmlCalls.Core.nvmlDeviceGetHandleByIndex_v2(index, handle);
  }

  int handleByUuid(String uuid, long[] handle) {
    return NvmlCalls.Core.nvmlDeviceGetHandleByUUID(uuid, handle);
  }

  int name(Pointer device, byte[] buffer) {
    return NvmlCalls.Core.nvmlDeviceGetName(device, buffer, buffer.length);
  }

  int uuid(Pointer device, byte[] buffer) {
    return NvmlCalls.Core.nvmlDeviceGetUUID(device, buffer, buffer.length);
  }

  // ---- optional groups --------------------------------------------------------------------

  int totalEnergy(Pointer device, long[] energyMj) {
    if (!has(Group.TOTAL_ENERGY)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.TOTAL_ENERGY,
        NvmlCalls.TotalEnergy.nvmlDeviceGetTotalEnergyConsumption(device, energyMj));
  }

  int powerUsage(Pointer device, int[] powerMw) {
    if (!has(Group.POWER_USAGE)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.POWER_USAGE, NvmlCalls.PowerUsage.nvmlDeviceGetPowerUsage(device, powerMw));
  }

  int fieldValues(Pointer device, int count, Pointer values) {
    if (!has(Group.FIELD_VALUES)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.FIELD_VALUES, NvmlCalls.FieldValues.nvmlDeviceGetFieldValues(device, count, values));
  }

  int enforcedPowerLimit(Pointer device, int[] limitMw) {
    if (!has(Group.ENFORCED_POWER_LIMIT)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.ENFORCED_POWER_LIMIT,
        NvmlCalls.EnforcedPowerLimit.nvmlDeviceGetEnforcedPowerLimit(device, limitMw));
  }

  int utilizationRates(Pointer device, int[] utilization) {
    if (!has(Group.UTILIZATION_RATES)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.UTILIZATION_RATES,
        NvmlCalls.UtilizationRates.nvmlDeviceGetUtilizationRates(device, utilization));
  }

  int processUtilization(Pointer device, Pointer samples, int[] count, long lastSeenUs) {
    if (!has(Group.PROCESS_UTILIZATION)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.PROCESS_UTILIZATION,
        NvmlCalls.ProcessUtilization.nvmlDeviceGetProcessUtilization(
            device, samples, count, lastSeenUs));
  }

  int computeRunningProcesses(Pointer device, int[] count, Pointer infos) {
    if (!has(Group.COMPUTE_RUNNING_PROCESSES)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.COMPUTE_RUNNING_PROCESSES,
        NvmlCalls.ComputeRunningProcesses.nvmlDeviceGetComputeRunningProcesses_v3(
            device, count, infos));
  }

  int pciInfo(Pointer device, Pointer pci) {
    if (!has(Group.TOPOLOGY)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(Group.TOPOLOGY, NvmlCalls.Topology.nvmlDeviceGetPciInfo_v3(device, pci));
  }

  int cudaComputeCapability(Pointer device, int[] major, int[] minor) {
    if (!has(Group.TOPOLOGY)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.TOPOLOGY,
        NvmlCalls.Topology.nvmlDeviceGetCudaComputeCapability(device, major, minor));
  }

  int migMode(Pointer device, int[] current, int[] pending) {
    if (!has(Group.MIG)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(Group.MIG, NvmlCalls.Mig.nvmlDeviceGetMigMode(device, current, pending));
  }

  int maxMigDeviceCount(Pointer device, int[] count) {
    if (!has(Group.MIG)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(Group.MIG, NvmlCalls.Mig.nvmlDeviceGetMaxMigDeviceCount(device, count));
  }

  int migDeviceByIndex(Pointer device, int index, long[] mig) {
    if (!has(Group.MIG)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(
        Group.MIG, NvmlCalls.Mig.nvmlDeviceGetMigDeviceHandleByIndex(device, index, mig));
  }

  int gpuInstanceId(Pointer mig, int[] id) {
    if (!has(Group.MIG)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(Group.MIG, NvmlCalls.Mig.nvmlDeviceGetGpuInstanceId(mig, id));
  }

  int computeInstanceId(Pointer mig, int[] id) {
    if (!has(Group.MIG)) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
    return remember(Group.MIG, NvmlCalls.Mig.nvmlDeviceGetComputeInstanceId(mig, id));
  }
}
