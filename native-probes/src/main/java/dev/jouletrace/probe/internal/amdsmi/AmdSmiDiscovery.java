package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.NativeBinding;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.hwmon.HwmonGpuDiscovery;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens AMD SMI ({@code libamd_smi.so}) and measures every AMD GPU whose energy counter answers.
 * GPUs whose counter does not (virtual machine guests, old firmware) are left to amdgpu hwmon power
 * integration, which also takes over every GPU when the library is absent or fails to initialise.
 *
 * <p><b>Visibility.</b> {@code ROCR_VISIBLE_DEVICES}, {@code HIP_VISIBLE_DEVICES} and {@code
 * GPU_DEVICE_ORDINAL} are not applied: their indices count GPUs in ROCr/HIP order (after the
 * previous variable's filtering), which AMD SMI's enumeration does not promise to follow, and
 * ROCr's {@code GPU-<unique id>} UUIDs are not the UUIDs {@code amdsmi_get_gpu_device_uuid}
 * returns. Rather than guess, every GPU AMD SMI sees is measured, the domains are labelled {@code
 * host-device-total} instead of {@code visible-device-total}, and the status says which variable
 * was ignored. A container that is given only its own {@code /dev/dri/renderD*} nodes is measured
 * exactly, since AMD SMI then sees only those GPUs.
 */
public final class AmdSmiDiscovery {
  public static final String PROBE = "amdsmi";
  public static final String MEASURES = "AMD GPU energy (AMD SMI energy counter)";

  /** Attribution when every GPU this JVM can see is charged. */
  static final String VISIBLE = "visible-device-total";

  /** Attribution when a visibility variable is set but could not be applied exactly. */
  static final String HOST = "host-device-total";

  /** Variables by which ROCr and HIP hide GPUs from a process. */
  static final String[] VISIBILITY_VARIABLES = {
    "ROCR_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES", "GPU_DEVICE_ORDINAL"
  };

  // AMDSMI_GPU_UUID_SIZE is 38; a little more room costs nothing.
  private static final int UUID_BUFFER = 64;

  private static final String FALLBACK = "amdgpu hwmon power integration is used instead";

  private AmdSmiDiscovery() {}

  public static Discovery discover(ProbeContext ctx) {
    String libName = ctx.settings().amdSmiLibrary();
    AmdSmiLibrary smi;
    try {
      smi = AmdSmiLibrary.load(libName);
    } catch (NativeBinding.MissingCoreSymbol e) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.UNSUPPORTED,
              MEASURES,
              "the AMD SMI library is too old or not AMD SMI: " + e.getMessage() + "; " + FALLBACK,
              "install the ROCm AMD SMI library of ROCm 6 or newer"));
    } catch (UnsatisfiedLinkError e) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.ABSENT,
              MEASURES,
              libName
                  + " cannot be loaded (ROCm AMD SMI is not installed): "
                  + NativeBinding.loadFailure(e)
                  + "; "
                  + FALLBACK,
              "install the ROCm AMD SMI library (amd-smi-lib, ROCm 6 or newer); a library outside"
                  + " the linker path can be named with -Djna.library.path"));
    }
    int rc = smi.init(AmdSmiLibrary.INIT_AMD_GPUS);
    if (rc != AmdSmiStatus.SUCCESS) {
      return Discovery.failed(initFailure(rc));
    }
    return Discovery.openOrRelease(() -> open(ctx, smi), smi::shutDown);
  }

  /**
   * The PCI addresses hwmon must skip after {@code amdsmi}: those it measures, or every amdgpu
   * sensor when one measured GPU has no PCI address (it cannot be told apart, and double counting
   * is worse than losing the fallback).
   */
  public static List<String> measuredByAmdSmi(Discovery amdsmi, ProbeContext ctx) {
    List<String> out = new ArrayList<>();
    for (EnergyProbe p : amdsmi.probes()) {
      if (p instanceof AmdSmiProbe) {
        AmdSmiProbe a = (AmdSmiProbe) p;
        if (a.hasGpuWithoutPciAddress()) {
          return HwmonGpuDiscovery.amdDeviceIds(ctx);
        }
        out.addAll(a.measuredPciAddresses());
      }
    }
    return out;
  }

  private static Discovery open(ProbeContext ctx, AmdSmiLibrary smi) {
    List<String> problems = new ArrayList<>();
    List<Pointer> processors = processors(smi, problems);
    if (processors.isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              problems.isEmpty() ? State.ABSENT : State.ERROR,
              MEASURES,
              "AMD SMI reports no AMD GPU"
                  + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)),
              problems.isEmpty() ? "" : "check amd-smi list and that the amdgpu driver is loaded"));
    }
    Map<String, Path> powerFiles = HwmonGpuDiscovery.amdPowerFiles(ctx);
    String hidden = visibilityVariable(ctx.settings().environment());
    String attribution = hidden == null ? VISIBLE : HOST;
    List<AmdGpu> gpus = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    int unsupported = 0;
    int tried = 0;
    long[] acc = new long[1];
    float[] res = new float[1];
    long[] ts = new long[1];
    for (int i = 0; i < processors.size(); i++) {
      Pointer h = processors.get(i);
      String pci = pciAddress(smi, h);
      String uuid = uuid(smi, h);
      String name = pci != null ? pci : uuid;
      if (name == null) {
        problems.add("GPU " + i + ": neither PCI address nor UUID");
        continue;
      }
      String id = "gpu:amd-" + name;
      tried++;
      int rc = smi.energyCount(h, acc, res, ts);
      if (rc != AmdSmiStatus.SUCCESS) {
        if (rc == AmdSmiStatus.NOT_SUPPORTED) {
          unsupported++;
        }
        lines.add(
            id
                + ": amdsmi_get_energy_count returned "
                + AmdSmiStatus.name(rc)
                + (rc == AmdSmiStatus.NOT_SUPPORTED
                    ? " (no energy counter; not supported on virtual machine guests)"
                    : "")
                + "; left to amdgpu hwmon");
        continue;
      }
      if (!(res[0] > 0) || Float.isInfinite(res[0])) {
        lines.add(id + ": counter resolution " + res[0] + " µJ is unusable; left to amdgpu hwmon");
        continue;
      }
      AmdEnergyMeter meter = new AmdEnergyMeter(smi, h, acc[0], res[0]);
      CounterFile power = pci == null ? null : openPower(ctx, powerFiles.get(pci));
      String device =
          "AMD GPU "
              + name
              + (uuid != null && pci != null ? " (" + uuid + ")" : "")
              + " via amdsmi_get_energy_count";
      gpus.add(
          new AmdGpu(
              EnergyDomain.of(id, DomainKind.GPU, device, EnergyMethod.MEASURED, attribution)
                  .withHardware("AMD", null),
              meter,
              pci,
              power,
              ctx.nanoClock().getAsLong()));
      lines.add(
          id
              + ": energy counter, "
              + String.format(Locale.ROOT, "%s µJ per tick", format(meter.resolutionUj()))
              + " ("
              + EnergyMethod.MEASURED.label()
              + ", "
              + attribution
              + "); "
              + (power == null
                  ? "no amdgpu hwmon power to watch for a stuck counter"
                  : "stuck-counter watch on " + powerFiles.get(pci)));
    }
    if (hidden != null) {
      lines.add(
          hidden
              + " is not applied: AMD SMI numbers GPUs in its own order and its UUIDs are not"
              + " ROCr's, so the entries cannot be mapped exactly; every AMD GPU AMD SMI sees is"
              + " charged ("
              + HOST
              + ")");
    }
    if (!problems.isEmpty()) {
      lines.add("skipped: " + String.join("; ", problems));
    }
    String detail = String.join("; ", lines);
    if (gpus.isEmpty()) {
      boolean allUnsupported = unsupported > 0 && unsupported == tried;
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              allUnsupported ? State.UNSUPPORTED : State.ERROR,
              MEASURES,
              detail + "; " + FALLBACK,
              allUnsupported
                  ? "the energy counter needs bare metal or a passthrough GPU; on a virtual"
                      + " machine guest hwmon power integration is the best available"
                  : "check amd-smi metric --energy; update ROCm and the GPU firmware"));
    }
    String remedy =
        hidden == null
            ? ""
            : "to charge only this job's GPUs, give its container only their /dev/dri/renderD*"
                + " nodes (AMD SMI then sees only those)";
    return Discovery.of(
        new AmdSmiProbe(smi, gpus, ctx.nanoClock()),
        ProbeStatus.of(PROBE, State.OK, MEASURES, detail, remedy));
  }

  /** Every GPU processor of every socket, each list asked for its size first (NULL array). */
  private static List<Pointer> processors(AmdSmiLibrary smi, List<String> problems) {
    List<Pointer> out = new ArrayList<>();
    int[] count = new int[1];
    int rc = smi.socketHandles(count, null);
    if (rc != AmdSmiStatus.SUCCESS) {
      problems.add("amdsmi_get_socket_handles: " + AmdSmiStatus.name(rc));
      return out;
    }
    if (count[0] <= 0) {
      return out;
    }
    Memory sockets = new Memory((long) count[0] * Native.POINTER_SIZE);
    rc = smi.socketHandles(count, sockets);
    if (rc != AmdSmiStatus.SUCCESS) {
      problems.add("amdsmi_get_socket_handles: " + AmdSmiStatus.name(rc));
      return out;
    }
    int nSockets = count[0];
    for (int s = 0; s < nSockets; s++) {
      Pointer socket = sockets.getPointer((long) s * Native.POINTER_SIZE);
      count[0] = 0;
      rc = smi.processorHandles(socket, count, null);
      if (rc != AmdSmiStatus.SUCCESS) {
        problems.add("socket " + s + ": amdsmi_get_processor_handles " + AmdSmiStatus.name(rc));
        continue;
      }
      if (count[0] <= 0) {
        continue;
      }
      Memory procs = new Memory((long) count[0] * Native.POINTER_SIZE);
      rc = smi.processorHandles(socket, count, procs);
      if (rc != AmdSmiStatus.SUCCESS) {
        problems.add("socket " + s + ": amdsmi_get_processor_handles " + AmdSmiStatus.name(rc));
        continue;
      }
      for (int p = 0; p < count[0]; p++) {
        out.add(procs.getPointer((long) p * Native.POINTER_SIZE));
      }
    }
    return out;
  }

  /** {@code amdsmi_bdf_t} as {@code dddd:bb:dd.f}, the form of sysfs PCI_SLOT_NAME; or null. */
  static String pciAddress(AmdSmiLibrary smi, Pointer h) {
    long[] bdf = new long[1];
    if (smi.bdf(h, bdf) != AmdSmiStatus.SUCCESS) {
      return null;
    }
    return formatBdf(bdf[0]);
  }

  /** Function bits 0-2, device 3-7, bus 8-15, domain 16-63 (amdsmi.h {@code amdsmi_bdf_t}). */
  static String formatBdf(long bdf) {
    long function = bdf & 0x7;
    long device = (bdf >>> 3) & 0x1F;
    long bus = (bdf >>> 8) & 0xFF;
    long domain = bdf >>> 16;
    return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, device, function);
  }

  private static String uuid(AmdSmiLibrary smi, Pointer h) {
    byte[] buf = new byte[UUID_BUFFER];
    int[] len = {buf.length};
    if (smi.uuid(h, len, buf) != AmdSmiStatus.SUCCESS) {
      return null;
    }
    String s = Native.toString(buf, "US-ASCII").trim();
    return s.isEmpty() ? null : s;
  }

  private static CounterFile openPower(ProbeContext ctx, Path file) {
    if (file == null) {
      return null;
    }
    try {
      return ctx.sysfs().openCounter(file);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The first visibility variable that is set, as {@code NAME=value}; null when none is. */
  static String visibilityVariable(Map<String, String> env) {
    for (String v : VISIBILITY_VARIABLES) {
      String value = env.get(v);
      if (value != null) {
        return v + "=" + value;
      }
    }
    return null;
  }

  private static String format(double d) {
    String s = Double.toString(d);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static ProbeStatus initFailure(int rc) {
    String what =
        "amdsmi_init(AMDSMI_INIT_AMD_GPUS) returned " + AmdSmiStatus.name(rc) + "; " + FALLBACK;
    if (rc == AmdSmiStatus.NO_PERM) {
      return ProbeStatus.of(
          PROBE,
          State.PERMISSION_DENIED,
          MEASURES,
          what,
          "give this user access to /dev/kfd and /dev/dri/renderD* (the video and render groups)");
    }
    return ProbeStatus.of(
        PROBE,
        State.ERROR,
        MEASURES,
        what,
        "check that the amdgpu driver is loaded (amd-smi list) and that this user can open"
            + " /dev/kfd and /dev/dri/renderD*");
  }
}
