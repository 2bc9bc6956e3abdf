package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds GPU energy in hwmon: amdgpu power (integrated) and Intel i915/xe energy counters
 * (measured). Domain ids are {@code gpu:<driver>-<pci address>}, e.g. {@code
 * gpu:amdgpu-0000:03:00.0}.
 */
public final class HwmonGpuDiscovery {
  public static final String AMD_PROBE = "amdgpu-hwmon";
  public static final String AMD_MEASURES = "AMD GPU power, integrated (amdgpu hwmon)";
  public static final String INTEL_PROBE = "intel-gpu-hwmon";
  public static final String INTEL_MEASURES = "Intel GPU energy (i915/xe hwmon energy1_input)";

  private static final String BY_AMD_SMI = "measured by AMD SMI instead";

  private HwmonGpuDiscovery() {}

  /** amdgpu sensors; {@code skipDevices} are PCI addresses already measured by AMD SMI. */
  public static Discovery discoverAmd(ProbeContext ctx, List<String> skipDevices) {
    List<HwmonSensor> sensors = sensors(ctx, "amdgpu");
    List<EnergyDomain> domains = new ArrayList<>();
    List<HwmonGpuMeter> meters = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (HwmonSensor s : sensors) {
      if (skipDevices.contains(s.deviceId)) {
        notes.add(s.deviceId + ": " + BY_AMD_SMI);
        continue;
      }
      // power1_average on most GPUs, power1_input on newer ones (Linux 6.6+): whichever exists.
      HwmonGpuMeter meter = null;
      for (String file : new String[] {"power1_average", "power1_input"}) {
        Path p = s.dir.resolve(file);
        if (meter == null && ctx.sysfs().exists(p)) {
          meter = open(ctx, p, notes, f -> new PowerInputMeter(f, p + " (µW) at 10 Hz", now(ctx)));
        }
      }
      if (meter == null) {
        notes.add(s.dir + ": no power1_average or power1_input");
        continue;
      }
      domains.add(
          EnergyDomain.of(
                  "gpu:amdgpu-" + s.deviceId,
                  DomainKind.GPU,
                  "AMD GPU " + s.deviceId + " via " + meter.describe(),
                  meter.method(),
                  HwmonGpuProbe.ATTRIBUTION)
              .withHardware("AMD", null));
      meters.add(meter);
    }
    return finish(ctx, AMD_PROBE, AMD_MEASURES, "amdgpu", sensors, domains, meters, notes);
  }

  /**
   * The amdgpu power file of each AMD GPU by PCI address ({@code power1_average}, else {@code
   * power1_input}, µW): what AMD SMI's stuck-counter watch compares its counter with.
   */
  public static Map<String, Path> amdPowerFiles(ProbeContext ctx) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (HwmonSensor s : sensors(ctx, "amdgpu")) {
      for (String file : new String[] {"power1_average", "power1_input"}) {
        Path p = s.dir.resolve(file);
        if (!out.containsKey(s.deviceId) && ctx.sysfs().exists(p)) {
          out.put(s.deviceId, p);
        }
      }
    }
    return out;
  }

  /** The device ids {@link #discoverAmd} would measure: every amdgpu sensor's PCI address. */
  public static List<String> amdDeviceIds(ProbeContext ctx) {
    List<String> out = new ArrayList<>();
    for (HwmonSensor s : sensors(ctx, "amdgpu")) {
      out.add(s.deviceId);
    }
    return out;
  }

  public static Discovery discoverIntel(ProbeContext ctx) {
    List<HwmonSensor> sensors = new ArrayList<>(sensors(ctx, "i915"));
    sensors.addAll(sensors(ctx, "xe"));
    List<EnergyDomain> domains = new ArrayList<>();
    List<HwmonGpuMeter> meters = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (HwmonSensor s : sensors) {
      // energy1_input is the whole card (i915 device level; xe "card"); xe's energy2_input is
      // the package inside it and is not added.
      Path p = s.dir.resolve("energy1_input");
      if (!ctx.sysfs().exists(p)) {
        notes.add(s.dir + " (" + s.driver + "): no energy1_input");
        continue;
      }
      HwmonGpuMeter meter =
          open(ctx, p, notes, f -> new EnergyInputMeter(f, p + " (µJ counter)", now(ctx)));
      if (meter == null) {
        continue;
      }
      domains.add(
          EnergyDomain.of(
                  "gpu:" + s.driver + "-" + s.deviceId,
                  DomainKind.GPU,
                  "Intel GPU " + s.deviceId + " via " + meter.describe(),
                  meter.method(),
                  HwmonGpuProbe.ATTRIBUTION)
              .withHardware("Intel", null));
      meters.add(meter);
    }
    return finish(ctx, INTEL_PROBE, INTEL_MEASURES, "i915 or xe", sensors, domains, meters, notes);
  }

  private static long now(ProbeContext ctx) {
    return ctx.nanoClock().getAsLong();
  }

  private static List<HwmonSensor> sensors(ProbeContext ctx, String driver) {
    List<HwmonSensor> out = new ArrayList<>();
    for (HwmonSensor s :
        HwmonTree.scan(ctx.settings().hwmonRoot(), ctx.settings().drmRoot(), ctx.sysfs())) {
      if (s.driver.equals(driver)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Opens a meter on {@code file}; on failure records why and returns null. */
  private static HwmonGpuMeter open(
      ProbeContext ctx, Path file, List<String> notes, MeterFactory factory) {
    CounterFile f = null;
    try {
      f = ctx.sysfs().openCounter(file);
      return factory.open(f);
    } catch (AccessDeniedException e) {
      notes.add(file + ": permission denied");
    } catch (IOException | RuntimeException e) {
      notes.add(file + ": " + e.getMessage());
    }
    if (f != null) {
      f.close();
    }
    return null;
  }

  private static Discovery finish(
      ProbeContext ctx,
      String probe,
      String measures,
      String driver,
      List<HwmonSensor> sensors,
      List<EnergyDomain> domains,
      List<HwmonGpuMeter> meters,
      List<String> notes) {
    if (sensors.isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              probe,
              State.ABSENT,
              measures,
              "no hwmon sensor named "
                  + driver
                  + " under "
                  + ctx.settings().hwmonRoot()
                  + " or "
                  + ctx.settings().drmRoot(),
              ""));
    }
    if (meters.isEmpty()) {
      boolean denied = notes.stream().anyMatch(n -> n.endsWith("permission denied"));
      boolean allByAmdSmi = notes.stream().allMatch(n -> n.endsWith(BY_AMD_SMI));
      return Discovery.failed(
          ProbeStatus.of(
              probe,
              denied ? State.PERMISSION_DENIED : State.UNSUPPORTED,
              measures,
              String.join("; ", notes),
              allByAmdSmi
                  ? ""
                  : denied
                      ? "make the hwmon files readable (they are 0444 by default) or run as root"
                      : "a newer kernel driver may expose the missing file"));
    }
    StringBuilder d = new StringBuilder();
    for (EnergyDomain dom : domains) {
      d.append(d.length() == 0 ? "" : "; ").append(dom.id()).append(": ").append(dom.device());
    }
    if (!notes.isEmpty()) {
      d.append("; ").append(String.join("; ", notes));
    }
    return Discovery.of(
        new HwmonGpuProbe(probe, domains, meters, ctx.nanoClock()),
        ProbeStatus.of(probe, State.OK, measures, d.toString(), ""));
  }

  /** Opens a meter on an open counter file. */
  private interface MeterFactory {
    HwmonGpuMeter open(CounterFile f) throws IOException;
  }
}
