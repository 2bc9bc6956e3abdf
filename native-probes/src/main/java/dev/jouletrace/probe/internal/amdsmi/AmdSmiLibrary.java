package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Pointer;
import dev.jouletrace.probe.internal.NativeBinding;

/**
 * The loaded {@code libamd_smi.so}: binds the core symbols, registers each optional group on first
 * use (once; a missing symbol is remembered as {@link AmdSmiStatus#FUNCTION_NOT_FOUND}) and returns
 * raw {@code amdsmi_status_t} codes. A JVM binds one AMD SMI at a time; a second name, only seen in
 * tests, rebinds.
 */
final class AmdSmiLibrary {
  /** {@code AMDSMI_INIT_AMD_GPUS} (1 << 1): GPUs only, no CPU sockets through E-SMI. */
  static final long INIT_AMD_GPUS = 1L << 1;

  private static final NativeBinding.Slot<Group> SLOT =
      new NativeBinding.Slot<>(AmdSmiCalls.Core.class, Group.class, g -> g.holder);

  private final NativeBinding<Group> binding;

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

  private AmdSmiLibrary(NativeBinding<Group> binding) {
    this.binding = binding;
  }

  /**
   * Loads and binds; throws {@link UnsatisfiedLinkError} when the library or a core symbol is
   * missing.
   */
  static AmdSmiLibrary load(String libraryName) {
    return new AmdSmiLibrary(SLOT.bind(libraryName));
  }

  String libraryName() {
    return binding.libraryName();
  }

  /** Whether the group's symbols exist; registers them on first call. */
  boolean has(Group g) {
    return binding.has(g);
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
