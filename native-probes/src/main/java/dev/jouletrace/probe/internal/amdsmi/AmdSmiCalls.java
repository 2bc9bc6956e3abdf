package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Pointer;

/**
 * Direct-mapped AMD SMI entry points ({@code Native.register}), one holder class per symbol group,
 * as for NVML: {@code Native.register} fails for a whole class when one symbol is missing, so each
 * optional function sits in its own class and is registered, and thus probed, once.
 *
 * <p>Signatures follow ROCm/amdsmi {@code include/amd_smi/amdsmi.h}: {@code amdsmi_status_t} is a C
 * enum (a Java {@code int}); socket and processor handles are opaque {@code void*}; {@code
 * amdsmi_bdf_t} is a union over one {@code uint64_t} (function bits 0-2, device 3-7, bus 8-15,
 * domain 16-63), so it comes back through a {@code long[1]}. Handle arrays go through {@link
 * Pointer} so that the count-only first call can pass {@code NULL}: with a non-null array of
 * capacity 0 the library answers a count of 0, not the number of handles.
 */
final class AmdSmiCalls {
  private AmdSmiCalls() {}

  /** Present in every AMD SMI release. */
  static final class Core {
    static native int amdsmi_init(long flags);

    static native int amdsmi_shut_down();

    static native int amdsmi_get_socket_handles(int[] count, Pointer sockets);

    static native int amdsmi_get_processor_handles(Pointer socket, int[] count, Pointer processors);

    private Core() {}
  }

  /** PCI address of a GPU as an {@code amdsmi_bdf_t} (one uint64 of bit fields). */
  static final class Bdf {
    static native int amdsmi_get_gpu_device_bdf(Pointer processor, long[] bdf);

    private Bdf() {}
  }

  /** {@code (handle, unsigned int *uuid_length, char *uuid)}; the length must be at least 38. */
  static final class Uuid {
    static native int amdsmi_get_gpu_device_uuid(Pointer processor, int[] length, byte[] uuid);

    private Uuid() {}
  }

  /**
   * {@code (handle, uint64_t *energy_accumulator, float *counter_resolution, uint64_t *timestamp)}:
   * µJ = accumulator × resolution; the timestamp is in ns. Not supported on virtual machine guests.
   */
  static final class Energy {
    static native int amdsmi_get_energy_count(
        Pointer processor, long[] accumulator, float[] resolutionUj, long[] timestampNs);

    private Energy() {}
  }
}
