package dev.jouletrace.probe.internal.rapl;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.ProbeStatus;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.cpu.CpuTimeShare;
import dev.jouletrace.probe.internal.cpu.CpuTimeSource;
import dev.jouletrace.probe.internal.sysfs.CounterFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the RAPL zones worth reading and opens a {@link RaplProbe} on them.
 *
 * <p>Selection, to never count a joule twice (CodeCarbon docs/explanation/rapl.md, "RAPL Domain
 * Hierarchy and Double-Counting"): every {@code package-N} plus every {@code dram}; {@code core}
 * and {@code uncore} are inside the package and never added; {@code psys} contains the packages and
 * is used only when no package zone is readable. {@code intel-rapl-mmio} zones repeat the package
 * counter of the MSR interface; the MSR zone is kept and the MMIO twin is used only when the MSR
 * one cannot be read.
 *
 * <p>Domain ids: {@code cpu:package-<n>} (the zone's own name), {@code dram:<n>} (n from the parent
 * package's name), {@code psys:<k>} (k counts psys zones from 0).
 */
public final class RaplDiscovery {
  public static final String PROBE = "rapl";
  public static final String MEASURES = "CPU package and DRAM energy (RAPL powercap counters)";

  /**
   * Highest power one RAPL zone can plausibly draw: the 500 W TDP of the largest 2024 server parts
   * (AMD EPYC 9965, Intel Xeon 6980P). Sets the wrap-safe sampling period.
   */
  static final double HIGHEST_PLAUSIBLE_ZONE_WATTS = 500.0;

  /** Upper bound on the sampler period: wrap safety aside, the CPU share needs ~1 s windows. */
  static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);

  static final Duration SHORTEST_PERIOD = Duration.ofMillis(10);

  private RaplDiscovery() {}

  public static Discovery discover(ProbeContext ctx) {
    Path root = ctx.settings().powercapRoot();
    if (!ctx.sysfs().isDirectory(root)) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE, State.ABSENT, MEASURES, root + " does not exist", absentRemedy(root)));
    }
    PowercapTree tree;
    try {
      tree = PowercapTree.scan(root, ctx.sysfs());
    } catch (IOException e) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.ERROR,
              MEASURES,
              "cannot list " + root + ": " + e,
              "check that " + root + " is a readable sysfs mount"));
    }
    if (tree.zones().isEmpty()) {
      return Discovery.failed(
          ProbeStatus.of(
              PROBE,
              State.ABSENT,
              MEASURES,
              root + " has no RAPL zone (no intel-rapl:* entry with a name file)",
              absentRemedy(root)));
    }
    return open(ctx, tree);
  }

  private static Discovery open(ProbeContext ctx, PowercapTree tree) {
    Map<String, Candidate> packages = new LinkedHashMap<>();
    Map<String, Candidate> drams = new LinkedHashMap<>();
    Map<String, Candidate> psys = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int psysCount = 0;
    // MSR zones first so that an MMIO twin only fills a gap.
    List<RaplZone> ordered = new ArrayList<>();
    for (RaplZone z : tree.zones()) {
      if (!z.isMmio()) {
        ordered.add(z);
      }
    }
    for (RaplZone z : tree.zones()) {
      if (z.isMmio()) {
        ordered.add(z);
      }
    }
    for (RaplZone z : ordered) {
      Map<String, Candidate> target;
      String id;
      DomainKind kind;
      if (z.isPackage()) {
        target = packages;
        kind = DomainKind.CPU;
        id = "cpu:" + z.name();
      } else if (z.isDram()) {
        target = drams;
        kind = DomainKind.DRAM;
        RaplZone parent = tree.parentOf(z);
        id =
            "dram:"
                + (parent != null && parent.isPackage()
                    ? parent.name().substring("package-".length())
                    : z.dirName().substring(z.controlType().length() + 1));
      } else if (z.isPsys() && z.isTopLevel()) {
        if (z.isMmio()) {
          ignored.add(z + ": psys twin of the MSR interface");
          continue;
        }
        target = psys;
        kind = DomainKind.PSYS;
        id = "psys:" + psysCount++;
      } else {
        ignored.add(z.toString());
        continue;
      }
      if (target.containsKey(id)) {
        ignored.add(z + ": duplicate of " + target.get(id).zone.dirName());
        continue;
      }
      try {
        CounterFile file = ctx.sysfs().openCounter(z.energyFile());
        RaplCounter counter;
        try {
          counter =
              new RaplCounter(
                  file, z.maxEnergyRangeUj(), ctx.nanoClock(), HIGHEST_PLAUSIBLE_ZONE_WATTS);
        } catch (IOException | RuntimeException e) {
          file.close();
          throw e;
        }
        target.put(id, new Candidate(z, id, kind, counter));
      } catch (AccessDeniedException e) {
        denied.add(z.energyFile().toString());
      } catch (IOException | RuntimeException e) {
        failed.add(z.energyFile() + ": " + e.getMessage());
      }
    }

    List<Candidate> chosen = new ArrayList<>();
    if (!packages.isEmpty()) {
      chosen.addAll(packages.values());
      chosen.addAll(drams.values());
      for (Candidate c : psys.values()) {
        ignored.add(c.zone + ": contains the packages, not summed with them");
        c.counter.close();
      }
    } else if (!psys.isEmpty()) {
      chosen.addAll(psys.values());
      for (Candidate c : drams.values()) {
        ignored.add(c.zone + ": inside psys");
        c.counter.close();
      }
    } else {
      for (Candidate c : drams.values()) {
        c.counter.close();
      }
      return Discovery.failed(unusable(tree.root(), denied, failed, ignored));
    }
    return Discovery.of(
        build(ctx, chosen), okStatus(ctx, tree.root(), chosen, denied, failed, ignored));
  }

  private static RaplProbe build(ProbeContext ctx, List<Candidate> chosen) {
    CpuTimeSource cpu = openShareSource(ctx);
    String attribution = cpu == null ? "unattributed" : CpuTimeShare.ATTRIBUTION;
    if (cpu == null) {
      cpu = UnknownCpuTime.INSTANCE;
    }
    List<EnergyDomain> domains = new ArrayList<>();
    List<RaplCounter> counters = new ArrayList<>();
    for (Candidate c : chosen) {
      domains.add(
          EnergyDomain.of(
              c.id,
              c.kind,
              c.zone.dir().toString() + " (" + c.zone.name() + ")",
              EnergyMethod.MEASURED,
              attribution));
      counters.add(c.counter);
    }
    return new RaplProbe(domains, counters, cpu, samplePeriod(chosen));
  }

  private static CpuTimeSource openShareSource(ProbeContext ctx) {
    try {
      return ctx.cpuTimes().hostWide();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** (range ÷ highest plausible power) ÷ 2 for the smallest range, within [10 ms, 1 s]. */
  static Duration samplePeriod(List<Candidate> chosen) {
    long nanos = LONGEST_PERIOD.toNanos();
    for (Candidate c : chosen) {
      long range = c.zone.maxEnergyRangeUj();
      if (range > 0) {
        double seconds = range * 1e-6 / HIGHEST_PLAUSIBLE_ZONE_WATTS / 2.0;
        nanos = Math.min(nanos, (long) (seconds * 1e9));
      }
    }
    return Duration.ofNanos(Math.max(nanos, SHORTEST_PERIOD.toNanos()));
  }

  private static ProbeStatus okStatus(
      ProbeContext ctx,
      Path root,
      List<Candidate> chosen,
      List<String> denied,
      List<String> failed,
      List<String> ignored) {
    StringBuilder d = new StringBuilder();
    for (Candidate c : chosen) {
      if (d.length() > 0) {
        d.append(", ");
      }
      d.append(c.id).append(" = ").append(c.zone.dirName());
    }
    d.append(" under ").append(root);
    if (!ignored.isEmpty()) {
      d.append("; not summed: ").append(String.join("; ", ignored));
    }
    String remedy = "";
    if (!denied.isEmpty()) {
      d.append("; unreadable: ").append(String.join(", ", denied));
      remedy = permissionRemedy(root);
    }
    if (!failed.isEmpty()) {
      d.append("; failed: ").append(String.join("; ", failed));
    }
    return ProbeStatus.of(PROBE, State.OK, MEASURES, d.toString(), remedy);
  }

  private static ProbeStatus unusable(
      Path root, List<String> denied, List<String> failed, List<String> ignored) {
    if (!denied.isEmpty()) {
      return ProbeStatus.of(
          PROBE,
          State.PERMISSION_DENIED,
          MEASURES,
          denied.get(0)
              + (denied.size() > 1 ? " (and " + (denied.size() - 1) + " more)" : "")
              + " is readable by root only since Linux 5.10 (CVE-2020-8694, PLATYPUS)"
              + "; this JVM runs as "
              + System.getProperty("user.name", "?"),
          permissionRemedy(root));
    }
    if (!failed.isEmpty()) {
      return ProbeStatus.of(
          PROBE,
          State.ERROR,
          MEASURES,
          String.join("; ", failed),
          "check the intel_rapl_msr driver (dmesg) and that " + root + " is the host's powercap");
    }
    return ProbeStatus.of(
        PROBE,
        State.UNSUPPORTED,
        MEASURES,
        root + " has no package or psys zone (found: " + String.join(", ", ignored) + ")",
        "this CPU exposes no package energy counter; the CPU figure stays an estimate");
  }

  static String absentRemedy(Path root) {
    return "on bare metal load the RAPL driver (sudo modprobe intel_rapl_msr; it covers Intel"
        + " and AMD Zen); in a container bind-mount the host's powercap tree (docker run -v "
        + root
        + ":"
        + root
        + ":ro); virtual machines usually do not expose RAPL to guests, so there CPU energy"
        + " stays an estimate";
  }

  static String permissionRemedy(Path root) {
    return "run the JVM as root, or make the counters readable: sudo chmod a+r "
        + root
        + "/intel-rapl:*/energy_uj (lost at reboot); to persist it add a udev rule such as"
        + " ACTION==\"add\", SUBSYSTEM==\"powercap\", RUN+=\"/bin/chmod a+r /sys%p/energy_uj\""
        + " (or a sysfsutils 'mode class/powercap/intel-rapl:0/energy_uj = 0444' line); in a"
        + " container also bind-mount "
        + root;
  }

  /** A zone that was opened and classified. */
  static final class Candidate {
    final RaplZone zone;
    final String id;
    final DomainKind kind;
    final RaplCounter counter;

    Candidate(RaplZone zone, String id, DomainKind kind, RaplCounter counter) {
      this.zone = zone;
      this.id = id;
      this.kind = kind;
      this.counter = counter;
    }
  }

  /** CPU time that cannot be read: the share stays 0 and the domain says "unattributed". */
  private enum UnknownCpuTime implements CpuTimeSource {
    INSTANCE;

    @Override
    public long processCpuNanos() {
      return -1;
    }

    @Override
    public long busyCpuNanos() throws IOException {
      throw new IOException("no CPU time source");
    }

    @Override
    public String busySource() {
      return "none";
    }
  }
}
