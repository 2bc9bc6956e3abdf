package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded {@code libamd_smi.so}: binds the core symbols, registers each optional group on first
 * use (once; a missing symbol is remembered as {@link AmdSmiStatus#FUNCTION_NOT_FOUND}) and returns
 * raw {@code amdsmi_status_t} codes. A JVM binds one AMD SMI at a time; a second name, only seen in
 * tests, rebinds.
 */
final class AmdSmiLibrary {
  /** {@code AMDSMI_INIT_AMD_GPUS} (1 << 1): GPUs only, no CPU sockets through E-SMI. */
  static final long INIT_AMD_GPUS = 1L << 1;

  private static final Object LOCK = new Object();
  private static AmdSmiLibrary loaded;

  private final String libraryName;
  private final NativeLibrary library;
  private final List<Class<?>> registered = new ArrayList<>();
  // Index by group; 0 unknown, 1 bound, -1 missing.
  private final int[] groups = new int[Group.values().length];

  /** The optional symbol groups of {@link AmdSmiCalls}. */
  enum Group {
    BDF(AmdSmiCalls.Bdf.class),
    UUID(AmdSmiCalls.Uuid.class),
    ENERGY(AmdSmiCalls.Energy.class);

    final Class<?> holder;

    Group(Class<?> holder) {
      this.holder = holder;
    }
  }

  private AmdSmiLibrary(String libraryName, NativeLibrary library) {
    this.libraryName = libraryName;
    this.library = library;
  }

  /**
   * Loads and binds; throws {@link UnsatisfiedLinkError} when the library or a core symbol is
   * missing.
   */
  static AmdSmiLibrary load(String libraryName) {
    synchronized (LOCK) {
      if (loaded != null && loaded.libraryName.equals(libraryName)) {
        return loaded;
      }
      if (loaded != null) {
        loaded.unregisterAll();
        loaded = null;
      }
      NativeLibrary lib = NativeLibrary.getInstance(libraryName);
      AmdSmiLibrary l = new AmdSmiLibrary(libraryName, lib);
      Native.register(AmdSmiCalls.Core.class, lib);
      l.registered.add(AmdSmiCalls.Core.class);
      loaded = l;
      return l;
    }
  }

  private void unregisterAll() {
    for (Class<?> c : registered) {
      Native.unregister(c);
    }
    registered.clear();
  }

  String libraryName() {
    return libraryName;
  }

  /** Whether the group's symbols exist; registers them on first call. */
  boolean has(Group g) {
    int state = groups[g.ordinal()];
    if (state != 0) {
      return state > 0;
    }
    synchronized (LOCK) {
      if (groups[g.ordinal()] == 0) {
        try {
          Native.register(g.holder, library);
          registered.add(g.holder);
          groups[g.ordinal()] = 1;
        } catch (UnsatisfiedLinkError e) {
          groups[g.ordinal()] = -1;
        }
      }
      return groups[g.ordinal()] > 0;
    }
  }

  // ---- core -------------------------------------------------------------------------------

  int init(long flags) {
    return AmdSmiCalls.Core.amdsmi_init(flags);
  }

  int shutDown() {
    return AmdSmiCalls.Core.amdsmi_shut_down();
  }

  int socketHandles(int[] count, Pointer sockets) {
    return AmdSmiCalls.Core.amdsmi_get_socket_handles(count, sockets);
  }

  int processorHandles(Pointer socket, int[] count, Pointer processors) {
    return AmdSmiCalls.Core.amdsmi_get_processor_handles(socket, count, processors);
  }

  // ---- optional groups --------------------------------------------------------------------

  int bdf(Pointer processor, long[] bdf) {
    if (!has(Group.BDF)) {
      return AmdSmiStatus.FUNCTION_NOT_FOUND;
    }
    return AmdSmiCalls.Bdf.amdsmi_get_gpu_device_bdf(processor, bdf);
  }

  int uuid(Pointer processor, int[] length, byte[] uuid) {
    if (!has(Group.UUID)) {
      return AmdSmiStatus.FUNCTION_NOT_FOUND;
    }
    return AmdSmiCalls.Uuid.amdsmi_get_gpu_device_uuid(processor, length, uuid);
  }

  int energyCount(Pointer processor, long[] accumulator, float[] resolutionUj, long[] timestampNs) {
    if (!has(Group.ENERGY)) {
      return AmdSmiStatus.FUNCTION_NOT_FOUND;
    }
    return AmdSmiCalls.Energy.amdsmi_get_energy_count(
        processor, accumulator, resolutionUj, timestampNs);
  }
}
