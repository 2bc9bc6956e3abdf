package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/** Enumerates the GPUs NVML reports, with what CUDA_VISIBLE_DEVICES resolution needs. */
final class NvmlInventory {
  // NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE are 96.
  private static final int STRING_BUFFER = 96;
  // nvmlPciInfo_t: busId[32] at offset 36, 68 bytes in all.
  private static final int PCI_INFO_SIZE = 68;
  private static final int PCI_BUS_ID_OFFSET = 36;

  final List<GpuInfo> gpus = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  private NvmlInventory() {}

  static NvmlInventory take(NvmlLibrary nvml) {
    NvmlInventory inv = new NvmlInventory();
    int[] count = new int[1];
    int rc = nvml.deviceCount(count);
    if (rc != NvmlReturn.SUCCESS) {
      inv.problems.add("nvmlDeviceGetCount_v2: " + NvmlReturn.name(rc));
      return inv;
    }
    long[] out = new long[1];
    for (int i = 0; i < count[0]; i++) {
      rc = nvml.handleByIndex(i, out);
      if (rc != NvmlReturn.SUCCESS) {
        // The count includes GPUs this process may not open (NO_PERMISSION; nvml.h:4573).
        inv.problems.add("GPU " + i + ": " + NvmlReturn.name(rc));
        continue;
      }
      Pointer h = new Pointer(out[0]);
      String uuid = string(nvml, h, true);
      if (uuid == null) {
        inv.problems.add("GPU " + i + ": no UUID");
        continue;
      }
      String name = string(nvml, h, false);
      inv.gpus.add(
          describe(nvml, i, h, uuid, name == null ? "NVIDIA GPU" : name, new int[1], new int[1]));
    }
    return inv;
  }

  private static GpuInfo describe(
      NvmlLibrary nvml, int index, Pointer h, String uuid, String name, int[] a, int[] b) {
    String busId = "";
    Memory pci = new Memory(PCI_INFO_SIZE);
    pci.clear();
    if (nvml.pciInfo(h, pci) == NvmlReturn.SUCCESS) {
      busId = pci.getString(PCI_BUS_ID_OFFSET, "US-ASCII").trim();
    }
    int major = -1;
    int minor = -1;
    if (nvml.cudaComputeCapability(h, a, b) == NvmlReturn.SUCCESS) {
      major = a[0];
      minor = b[0];
    }
    boolean mig = nvml.migMode(h, a, b) == NvmlReturn.SUCCESS && a[0] == 1;
    List<GpuInfo.MigInstance> migs = new ArrayList<>();
    if (mig && nvml.maxMigDeviceCount(h, a) == NvmlReturn.SUCCESS) {
      int max = a[0];
      long[] out = new long[1];
      for (int m = 0; m < max; m++) {
        if (nvml.migDeviceByIndex(h, m, out) != NvmlReturn.SUCCESS) {
          continue;
        }
        Pointer mh = new Pointer(out[0]);
        String migUuid = string(nvml, mh, true);
        int gi = nvml.gpuInstanceId(mh, a) == NvmlReturn.SUCCESS ? a[0] : -1;
        int ci = nvml.computeInstanceId(mh, b) == NvmlReturn.SUCCESS ? b[0] : -1;
        if (migUuid != null) {
          migs.add(new GpuInfo.MigInstance(migUuid, gi, ci));
        }
      }
    }
    return new GpuInfo(index, uuid, name, busId, major, minor, mig, migs);
  }

  private static String string(NvmlLibrary nvml, Pointer h, boolean uuid) {
    byte[] buf = new byte[STRING_BUFFER];
    int rc = uuid ? nvml.uuid(h, buf) : nvml.name(h, buf);
    return rc == NvmlReturn.SUCCESS ? Native.toString(buf, "US-ASCII") : null;
  }
}
