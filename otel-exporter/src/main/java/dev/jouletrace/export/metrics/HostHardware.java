package dev.jouletrace.export.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's processor as the kernel describes it ({@code /proc/cpuinfo}, first processor): vendor
 * id, family, model number, model name and stepping. Empty fields where the file is absent (not
 * Linux) or silent; nothing is guessed.
 */
public final class HostHardware {
  private static final HostHardware UNKNOWN = new HostHardware(Map.of());

  private final Map<String, String> cpu;

  private HostHardware(Map<String, String> cpu) {
    this.cpu = Map.copyOf(cpu);
  }

  /** From {@code /proc/cpuinfo}. */
  public static HostHardware detect() {
    return fromCpuInfo(Path.of("/proc/cpuinfo"));
  }

  /** From a file in the format of {@code /proc/cpuinfo}; unknown when it cannot be read. */
  public static HostHardware fromCpuInfo(Path cpuinfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
    Map<String, String> first = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!first.isEmpty()) {
          break; // the first processor's block is enough: the fields asked for are the same
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return new HostHardware(first);
  }

  /** {@code GenuineIntel}, {@code AuthenticAMD}, ... (the CPUID vendor string), or empty. */
  public String cpuVendorId() {
    return cpu.getOrDefault("vendor_id", "");
  }

  /** The maker's name for a known CPUID vendor string, else the string itself (or empty). */
  public String cpuVendor() {
    switch (cpuVendorId()) {
      case "GenuineIntel":
        return "Intel";
      case "AuthenticAMD":
        return "AMD";
      default:
        return cpuVendorId();
    }
  }

  /** e.g. {@code Intel(R) Xeon(R) Platinum 8480+}, or empty. */
  public String cpuModelName() {
    return cpu.getOrDefault("model name", "");
  }

  public String cpuFamily() {
    return cpu.getOrDefault("cpu family", "");
  }

  /** The model number (a decimal string), or empty. */
  public String cpuModelId() {
    return cpu.getOrDefault("model", "");
  }

  public String cpuStepping() {
    return cpu.getOrDefault("stepping", "");
  }
}
