package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Pointer;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.NativeBinding;
import dev.jouletrace.probe.internal.ProbeContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Opens NVML and builds one channel per board this JVM can see: the energy counter when there is
 * one (MEASURED), else power sampled at 10 Hz and integrated (INTEGRATED), else enforced power
 * limit × utilisation (ESTIMATED).
 */
public final class NvmlDiscovery {
  public static final String PROBE = "nvml";
  public static final String MEASURES = "NVIDIA GPU energy (NVML)";

  private NvmlDiscovery() {}

  public static Discovery discover(ProbeContext ctx) {
    String libName = ctx.settings().nvmlLibrary();
    NvmlLibrary nvml;
    try {
      nvml = NvmlLibrary.load(libName);
    } catch (NativeBinding.MissingCoreSymbol e) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.UNSUPPORTED,
              MEASURES,
              "the NVIDIA driver's NVML is too old or not NVML: " + e.getMessage(),
              "update the NVIDIA driver: Jouletrace binds the versioned NVML entry points"
                  + " (nvmlInit_v2 and others, docs/PROBES.md §1.1)"));
    } catch (UnsatisfiedLinkError e) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.ABSENT,
              MEASURES,
              libName
                  + " cannot be loaded (no NVIDIA driver on this machine): "
                  + NativeBinding.loadFailure(e),
              "install the NVIDIA driver; in a container run with the NVIDIA Container Toolkit"
                  + " (docker run --gpus all) so that libnvidia-ml.so.1 is mounted; a driver"
                  + " outside the linker path can be named with -Djna.library.path"));
    }
    int rc = nvml.init();
    if (rc != NvmlReturn.SUCCESS) {
      return Discovery.failed(initFailure(libName, rc));
    }
    return Discovery.openOrRelease(() -> open(ctx, nvml), nvml::shutdown);
  }

  private static Discovery open(ProbeContext ctx, NvmlLibrary nvml) {
    NvmlInventory inv = NvmlInventory.take(nvml);
    if (inv.gpus.isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              inv.problems.isEmpty() ? State.ABSENT : State.ERROR,
              MEASURES,
              "NVML reports no usable GPU"
                  + (inv.problems.isEmpty() ? "" : ": " + String.join("; ", inv.problems)),
              inv.problems.isEmpty()
                  ? ""
                  : "check nvidia-smi and the permissions of /dev/nvidia*"));
    }
    Map<String, String> env = ctx.settings().environment();
    CudaVisibleDevices.Resolution res =
        CudaVisibleDevices.resolve(
            env.get("CUDA_VISIBLE_DEVICES"), env.get("CUDA_DEVICE_ORDER"), inv.gpus);
    if (res.visible.isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.ABSENT,
              MEASURES,
              res.note + " hides every GPU from this JVM (" + inv.gpus.size() + " on the host)",
              ""));
    }
    Path proc = ctx.settings().procRoot();
    LongPredicate pidVisible = pid -> Files.exists(proc.resolve(Long.toString(pid)));
    long ourPid = ProcessHandle.current().pid();
    List<GpuChannel> channels = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    long[] out = new long[1];
    for (CudaVisibleDevices.Visible v : res.visible) {
      GpuInfo g = v.gpu;
      // Resolve by UUID, the stable identity (nvml.h:4700), not by index.
      int rc = nvml.handleByUuid(g.uuid, out);
      if (rc != NvmlReturn.SUCCESS) {
        lines.add(g + ": nvmlDeviceGetHandleByUUID " + NvmlReturn.name(rc));
        continue;
      }
      Pointer h = new Pointer(out[0]);
      GpuMeter meter = meter(nvml, h, ctx.nanoClock().getAsLong());
      if (meter == null) {
        lines.add(
            "gpu:"
                + g.uuid
                + " "
                + g.name
                + ": unsupported (no energy counter, no power"
                + " reading, no power limit × utilisation)");
        continue;
      }
      GpuProcessShare share = null;
      String attribution;
      String device = g.name + " " + g.uuid;
      if (v.viaMig()) {
        // NVML has no per-MIG-instance power (docs/PROBES.md §1.5): the figure is the whole
        // board's.
        attribution = "mig-board-level";
        device += " (board-level figure; MIG " + (v.migs.isEmpty() ? "enabled" : v.migs) + ")";
      } else {
        share = new GpuProcessShare(nvml, h, ourPid, pidVisible);
        if (share.supported()) {
          attribution = GpuProcessShare.ATTRIBUTION;
        } else {
          share = null;
          attribution = "visible-device-total";
        }
      }
      EnergyDomain domain =
          EnergyDomain.of("gpu:" + g.uuid, DomainKind.GPU, device, meter.method(), attribution)
              .withHardware("NVIDIA", g.name);
      channels.add(new GpuChannel(domain, meter, share));
      lines.add(
          domain.id()
              + " "
              + g.name
              + ": "
              + meter.describe()
              + " ("
              + meter.method().label()
              + ", "
              + attribution
              + ")");
    }
    String detail = String.join("; ", lines) + "; " + res.note;
    if (!inv.problems.isEmpty()) {
      detail += "; skipped: " + String.join("; ", inv.problems);
    }
    if (channels.isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.UNSUPPORTED,
              MEASURES,
              detail,
              "this GPU reports neither energy nor power through NVML; update the driver"));
    }
    return Discovery.of(
        new NvmlProbe(nvml, channels, ctx.nanoClock()),
        ProbeStatus.of(PROBE, State.OK, MEASURES, detail, ""));
  }

  /** The most direct route this board supports now. */
  static GpuMeter meter(NvmlLibrary nvml, Pointer h, long nowNanos) {
    long[] mj = new long[1];
    if (nvml.totalEnergy(h, mj) == NvmlReturn.SUCCESS) {
      // Power, when readable, is integrated alongside as a cross-check (docs/PROBES.md §1.2).
      return new EnergyCounterMeter(nvml, h, mj[0], PowerReading.find(nvml, h), nowNanos);
    }
    PowerReading power = PowerReading.find(nvml, h);
    if (power != null) {
      return new IntegratedPowerMeter(
          EnergyMethod.INTEGRATED,
          power.describe() + " sampled at 10 Hz and integrated",
          power::watts,
          nowNanos);
    }
    int[] limit = new int[1];
    int[] util = new int[2];
    if (nvml.enforcedPowerLimit(h, limit) == NvmlReturn.SUCCESS
        && nvml.utilizationRates(h, util) == NvmlReturn.SUCCESS) {
      double limitWatts = (limit[0] & 0xFFFFFFFFL) / 1000.0;
      int[] scratch = new int[2];
      return new IntegratedPowerMeter(
          EnergyMethod.ESTIMATED,
          "enforced power limit " + limitWatts + " W × GPU utilisation",
          () ->
              nvml.utilizationRates(h, scratch) == NvmlReturn.SUCCESS
                  ? limitWatts * scratch[0] / 100.0
                  : Double.NaN,
          nowNanos);
    }
    return null;
  }

  private static ProbeStatus initFailure(String libName, int rc) {
    String what = "nvmlInit_v2 returned " + NvmlReturn.name(rc);
    switch (rc) {
      case NvmlReturn.DRIVER_NOT_LOADED:
        return ProbeStatus.of(
            PROBE,
            State.ABSENT,
            MEASURES,
            what + " (" + libName + " is installed but the kernel driver is not loaded)",
            "load the NVIDIA kernel module (sudo modprobe nvidia) or check nvidia-smi");
      case NvmlReturn.NO_PERMISSION:
        return ProbeStatus.of(
            PROBE,
            State.PERMISSION_DENIED,
            MEASURES,
            what + " (this user cannot open /dev/nvidia*)",
            "give this user access to /dev/nvidiactl and /dev/nvidia* (e.g. the video group),"
                + " or run the container with --gpus");
      default:
        return ProbeStatus.of(
            PROBE, State.ERROR, MEASURES, what, "check nvidia-smi; the driver may need a reload");
    }
  }
}
