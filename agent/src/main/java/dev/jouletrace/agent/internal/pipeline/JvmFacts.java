package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.agent.internal.AgentVersion;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.export.EmissionsCsv;
import dev.jouletrace.export.metrics.HostHardware;
import dev.jouletrace.probe.EnergyDomain;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about this JVM and Jouletrace for the report header and the default service name. */
final class JvmFacts {
  private JvmFacts() {}

  static String version() {
    return "Jouletrace " + AgentVersion.get();
  }

  /** The main class's simple name, as {@code sun.java.command} gives it. */
  static String serviceName() {
    String command = System.getProperty("sun.java.command", "");
    String main = command.split(" ", 2)[0];
    if (main.endsWith(".jar")) {
      main = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
      return main.substring(0, main.length() - 4);
    }
    int dot = main.lastIndexOf('.');
    return main.isEmpty() ? "jouletrace-training" : main.substring(dot + 1);
  }

  /** What emissions.csv says of the machine and the job. */
  static EmissionsCsv.Machine machine(
      AgentConfig config, List<EnergyDomain> domains, HostHardware host) {
    return new EmissionsCsv.Machine(
        serviceName(),
        System.getProperty("os.name", "")
            + "-"
            + System.getProperty("os.version", "")
            + "-"
            + System.getProperty("os.arch", ""),
        Runtime.getRuntime().availableProcessors(),
        host.cpuModelName(),
        domains,
        physicalMemoryBytes(),
        config.get(ConfigKeys.CLOUD_PROVIDER),
        config.get(ConfigKeys.CLOUD_REGION));
  }

  /**
   * The machine's physical memory, or -1 where neither Linux nor the JVM says. {@code
   * /proc/meminfo} first: the platform MXBeans cost a start-up tens of milliseconds
   * (docs/BENCHMARKS.md, start-up).
   */
  private static long physicalMemoryBytes() {
    long fromProc = memTotalBytes(Paths.get("/proc/meminfo"));
    return fromProc >= 0 ? fromProc : mxBeanPhysicalMemoryBytes();
  }

  /** {@code MemTotal:} of a {@code /proc/meminfo} file, in bytes, or -1. */
  static long memTotalBytes(Path meminfo) {
    try (BufferedReader in = Files.newBufferedReader(meminfo, StandardCharsets.US_ASCII)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
          return parts.length == 2 && parts[1].equals("kB")
              ? Long.parseLong(parts[0]) * 1024L
              : -1L;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the JVM is asked instead
    }
    return -1L;
  }

  @SuppressWarnings("deprecation") // getTotalMemorySize is Java 14+; the agent runs on 11
  private static long mxBeanPhysicalMemoryBytes() {
    try {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean) {
        return ((com.sun.management.OperatingSystemMXBean) os).getTotalPhysicalMemorySize();
      }
    } catch (RuntimeException | LinkageError e) {
      // not a HotSpot-like JVM: unknown
    }
    return -1;
  }

  static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("jouletrace_version", version());
    m.put("pid", Long.toString(ProcessHandle.current().pid()));
    m.put("main", System.getProperty("sun.java.command", "").split(" ", 2)[0]);
    m.put("java_version", System.getProperty("java.version", ""));
    m.put("os", System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""));
    m.put("available_processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }
}
