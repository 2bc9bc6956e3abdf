package dev.jouletrace.probe.internal.nvml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@code CUDA_VISIBLE_DEVICES} onto NVML GPUs, so a JVM is charged only for the boards CUDA
 * lets it use.
 *
 * <p>Entries (CUDA programming guide, "Environment variables"): integer indices in CUDA's order;
 * {@code GPU-<uuid>} (a unique prefix is enough); {@code MIG-<uuid>}; and the older {@code
 * MIG-GPU-<uuid>/<gi>/<ci>}. Parsing stops at the first invalid entry, as CUDA does; unset means
 * every GPU, an empty value means none.
 *
 * <p>Integer indices are CUDA indices, not NVML ones (nvml.h:4604-4607 guarantees nothing about
 * NVML order). With {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} CUDA orders by PCI bus id; by default
 * ({@code FASTEST_FIRST}) by compute capability, highest first, then PCI bus id, which is what is
 * reproduced here. When compute capability or bus id is unknown the NVML order is assumed and the
 * resolution says so.
 */
final class CudaVisibleDevices {
  private CudaVisibleDevices() {}

  /** A board the JVM can see, possibly through one or more MIG instances. */
  static final class Visible {
    final GpuInfo gpu;
    final List<GpuInfo.MigInstance> migs = new ArrayList<>();

    Visible(GpuInfo gpu) {
      this.gpu = gpu;
    }

    boolean viaMig() {
      return !migs.isEmpty() || gpu.migEnabled;
    }
  }

  /** The visible boards, in the order they were named, each once, with a note on the mapping. */
  static final class Resolution {
    final List<Visible> visible;
    final String note;

    Resolution(List<Visible> visible, String note) {
      this.visible = visible;
      this.note = note;
    }
  }

  static Resolution resolve(String cudaVisibleDevices, String cudaDeviceOrder, List<GpuInfo> gpus) {
    Map<String, Visible> boards = new LinkedHashMap<>();
    if (cudaVisibleDevices == null) {
      for (GpuInfo g : gpus) {
        boards.put(g.uuid, new Visible(g));
      }
      return new Resolution(
          new ArrayList<>(boards.values()), "CUDA_VISIBLE_DEVICES unset: all GPUs");
    }
    boolean pciOrder = "PCI_BUS_ID".equals(cudaDeviceOrder == null ? null : cudaDeviceOrder.trim());
    List<GpuInfo> cudaOrder = new ArrayList<>(gpus);
    String orderNote = sortInCudaOrder(cudaOrder, pciOrder);
    String stoppedAt = null;
    boolean usedIndex = false;
    String value = cudaVisibleDevices.trim();
    if (!value.isEmpty()) {
      for (String raw : value.split(",", -1)) {
        String entry = raw.trim();
        GpuInfo gpu = null;
        GpuInfo.MigInstance mig = null;
        if (!entry.isEmpty() && entry.chars().allMatch(Character::isDigit)) {
          int idx = parseIndex(entry);
          gpu = idx >= 0 && idx < cudaOrder.size() ? cudaOrder.get(idx) : null;
          usedIndex = true;
        } else if (startsWithIgnoreCase(entry, "MIG-GPU-")) {
          String[] parts = entry.substring("MIG-".length()).split("/", -1);
          gpu = parts.length == 3 ? uniqueGpuByPrefix(gpus, parts[0]) : null;
          if (gpu != null) {
            mig = migByIds(gpu, parts[1], parts[2]);
          }
        } else if (startsWithIgnoreCase(entry, "MIG-")) {
          for (GpuInfo g : gpus) {
            for (GpuInfo.MigInstance m : g.migs) {
              if (m.uuid.equalsIgnoreCase(entry)) {
                gpu = g;
                mig = m;
              }
            }
          }
        } else if (startsWithIgnoreCase(entry, "GPU-")) {
          gpu = uniqueGpuByPrefix(gpus, entry);
        }
        if (gpu == null) {
          stoppedAt = entry;
          break;
        }
        Visible v = boards.get(gpu.uuid);
        if (v == null) {
          v = new Visible(gpu);
          boards.put(gpu.uuid, v);
        }
        if (mig != null) {
          v.migs.add(mig);
        }
      }
    }
    StringBuilder note = new StringBuilder("CUDA_VISIBLE_DEVICES=").append(value);
    if (usedIndex) {
      note.append("; indices in ").append(orderNote);
    }
    if (stoppedAt != null) {
      note.append("; stopped at invalid entry '").append(stoppedAt).append("' as CUDA does");
    }
    return new Resolution(new ArrayList<>(boards.values()), note.toString());
  }

  private static int parseIndex(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** CUDA accepts any unique prefix of a GPU UUID; an ambiguous one is invalid. */
  private static GpuInfo uniqueGpuByPrefix(List<GpuInfo> gpus, String prefix) {
    GpuInfo found = null;
    String p = prefix.toLowerCase(Locale.ROOT);
    for (GpuInfo g : gpus) {
      if (g.uuid.toLowerCase(Locale.ROOT).startsWith(p)) {
        if (found != null) {
          return null;
        }
        found = g;
      }
    }
    return found;
  }

  private static GpuInfo.MigInstance migByIds(GpuInfo gpu, String gi, String ci) {
    int g = parseIndex(gi);
    int c = parseIndex(ci);
    for (GpuInfo.MigInstance m : gpu.migs) {
      if (m.gpuInstanceId == g && m.computeInstanceId == c) {
        return m;
      }
    }
    // The board is named even if its instance list could not be read: charge the board.
    return new GpuInfo.MigInstance("MIG-" + gpu.uuid + "/" + gi + "/" + ci, g, c);
  }

  /** Sorts {@code gpus} into CUDA's enumeration order and describes the order used. */
  static String sortInCudaOrder(List<GpuInfo> gpus, boolean pciOrder) {
    boolean busKnown = gpus.stream().allMatch(g -> !g.pciBusId.isEmpty());
    boolean ccKnown = gpus.stream().allMatch(g -> g.ccMajor >= 0);
    Comparator<GpuInfo> byBus =
        Comparator.comparing(g -> g.pciBusId.toLowerCase(Locale.ROOT), Comparator.naturalOrder());
    if (pciOrder) {
      if (!busKnown) {
        gpus.sort(Comparator.comparingInt(g -> g.nvmlIndex));
        return "NVML order (PCI bus ids unavailable; CUDA_DEVICE_ORDER=PCI_BUS_ID assumed equal)";
      }
      gpus.sort(byBus);
      return "PCI bus id order (CUDA_DEVICE_ORDER=PCI_BUS_ID)";
    }
    if (!busKnown || !ccKnown) {
      gpus.sort(Comparator.comparingInt(g -> g.nvmlIndex));
      return "NVML order (compute capability or PCI bus id unavailable, so CUDA's default"
          + " FASTEST_FIRST order could not be reproduced; set CUDA_DEVICE_ORDER=PCI_BUS_ID)";
    }
    gpus.sort(
        Comparator.comparingInt((GpuInfo g) -> -g.ccMajor)
            .thenComparingInt(g -> -g.ccMinor)
            .thenComparing(byBus));
    return "CUDA FASTEST_FIRST order (compute capability, then PCI bus id)";
  }
}
