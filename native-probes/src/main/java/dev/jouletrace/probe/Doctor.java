package dev.jouletrace.probe;

import dev.jouletrace.probe.internal.Diagnosable;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.ProbeDiscovery;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code doctor} command: lists every probe with its status, samples the open ones and says how
 * to fix what is missing. Exit code 0 when anything is measured or integrated, 1 when only
 * estimates are available.
 */
public final class Doctor {
  private Doctor() {}

  /**
   * Discovers the probes described by {@code settings}, prints their statuses, samples them for
   * {@code sample} and prints the average power of every domain.
   *
   * @return 0 if any domain is measured or integrated, 1 if everything is estimated
   */
  public static int run(ProbeSettings settings, PrintStream out, Duration sample) {
    return run(ProbeContext.real(settings), out, sample);
  }

  static int run(ProbeContext ctx, PrintStream out, Duration sample) {
    try (DiscoveredProbes found = ProbeDiscovery.discover(ctx)) {
      out.println("Jouletrace doctor: energy probes on this machine");
      out.println();
      for (ProbeStatus s : found.statuses()) {
        out.println(s.probe() + ": " + s.state().label() + " - " + s.measures());
        out.println("  found: " + s.detail());
        if (!s.remedy().isEmpty()) {
          out.println("  fix:   " + s.remedy());
        }
      }
      out.println();
      printSample(found.probes(), out, sample, ctx);
      printDiagnostics(found.probes(), out);
      out.println();
      boolean measured = found.anyMeasured();
      if (measured) {
        out.println("Result: measured energy is available (exit 0).");
        return 0;
      }
      out.println(
          "Result: only estimates are available (exit 1)"
              + (found.probes().isEmpty() ? "; no probe could be opened." : "."));
      for (ProbeStatus s : found.statuses()) {
        if (s.probe().equals("cpu-estimate") && s.isOk()) {
          out.println("  " + s.detail());
          out.println("  To measure it: " + s.remedy());
        }
      }
      return 1;
    }
  }

  private static void printSample(
      List<EnergyProbe> probes, PrintStream out, Duration sample, ProbeContext ctx) {
    if (probes.isEmpty()) {
      out.println("No probe to sample.");
      return;
    }
    long period = Long.MAX_VALUE;
    long start = ctx.nanoClock().getAsLong();
    long[] begin = new long[probes.size()];
    long[] finish = new long[probes.size()];
    double[][] dev0 = new double[probes.size()][];
    double[][] proc0 = new double[probes.size()][];
    for (int i = 0; i < probes.size(); i++) {
      EnergyProbe p = probes.get(i);
      period = Math.min(period, p.maxSamplePeriod().toNanos());
      dev0[i] = new double[p.domains().size()];
      proc0[i] = new double[p.domains().size()];
      begin[i] = ctx.nanoClock().getAsLong();
      p.read(dev0[i], proc0[i]);
    }
    long end = start + Math.max(0, sample.toNanos());
    while (true) {
      long now = ctx.nanoClock().getAsLong();
      if (now >= end) {
        break;
      }
      if (!sleepNanos(Math.min(period, end - now))) {
        break;
      }
      for (EnergyProbe p : probes) {
        p.sample();
      }
    }
    double[][] dev1 = new double[probes.size()][];
    double[][] proc1 = new double[probes.size()][];
    for (int i = 0; i < probes.size(); i++) {
      dev1[i] = new double[dev0[i].length];
      proc1[i] = new double[dev0[i].length];
      probes.get(i).read(dev1[i], proc1[i]);
      finish[i] = ctx.nanoClock().getAsLong();
    }
    out.println(
        String.format(
            Locale.ROOT,
            "Sample over %.2f s (average power):",
            (ctx.nanoClock().getAsLong() - start) / 1e9));
    for (int i = 0; i < probes.size(); i++) {
      EnergyProbe p = probes.get(i);
      // Each probe's own window, from just before its first read to just after its last.
      double seconds = Math.max(1e-9, (finish[i] - begin[i]) / 1e9);
      for (int d = 0; d < dev1[i].length; d++) {
        EnergyDomain dom = p.domains().get(d);
        out.println(
            String.format(
                Locale.ROOT,
                "  %-28s %-10s device %8.2f W   this JVM %8.2f W   (%s)",
                dom.id(),
                dom.method().label(),
                (dev1[i][d] - dev0[i][d]) / seconds,
                (proc1[i][d] - proc0[i][d]) / seconds,
                dom.attribution()));
      }
    }
  }

  /**
   * What the probes learnt during the sample: NVML counter vs integrated power, AMD SMI counters
   * that do not move.
   */
  private static void printDiagnostics(List<EnergyProbe> probes, PrintStream out) {
    boolean first = true;
    for (EnergyProbe p : probes) {
      if (!(p instanceof Diagnosable)) {
        continue;
      }
      List<String> lines;
      try {
        lines = ((Diagnosable) p).diagnostics();
      } catch (RuntimeException e) {
        lines = List.of("diagnostics failed: " + e);
      }
      for (String line : lines) {
        if (first) {
          out.println("Diagnostics:");
          first = false;
        }
        out.println("  " + p.name() + ": " + line);
      }
    }
  }

  private static boolean sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
