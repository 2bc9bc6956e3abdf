package dev.jouletrace.probe.internal.rapl;

import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RAPL zones under a powercap root ({@code /sys/class/powercap}, where every zone and subzone
 * appears as one flat entry).
 */
final class PowercapTree {
  private final Path root;
  private final List<RaplZone> zones;

  private PowercapTree(Path root, List<RaplZone> zones) {
    this.root = root;
    this.zones = zones;
  }

  /**
   * Lists {@code <type>:<hex>[:<hex>]} entries of RAPL control types ({@code intel-rapl}, {@code
   * intel-rapl-mmio}; AMD CPUs use the same names through intel_rapl_msr) that have a readable
   * {@code name}. {@code max_energy_range_uj} stays world-readable even where {@code energy_uj}
   * became root-only, but a missing one (CodeCarbon#1309) is tolerated as 0.
   */
  static PowercapTree scan(Path root, SysfsAccess fs) throws IOException {
    List<RaplZone> zones = new ArrayList<>();
    for (Path entry : fs.list(root)) {
      String dirName = entry.getFileName().toString();
      String type = RaplZone.controlTypeOf(dirName);
      int[] ids = RaplZone.parseIds(dirName);
      if (ids == null || !type.startsWith("intel-rapl") || !fs.isDirectory(entry)) {
        continue;
      }
      String name;
      try {
        name = fs.readText(entry.resolve("name"));
      } catch (IOException e) {
        continue;
      }
      long range = 0;
      try {
        range = Long.parseLong(fs.readText(entry.resolve("max_energy_range_uj")));
      } catch (IOException | NumberFormatException e) {
        range = 0;
      }
      zones.add(new RaplZone(entry, type, ids, name, range));
    }
    return new PowercapTree(root, zones);
  }

  Path root() {
    return root;
  }

  List<RaplZone> zones() {
    return zones;
  }

  /** The top-level zone that {@code zone} hangs under, or null if it is top-level itself. */
  RaplZone parentOf(RaplZone zone) {
    for (RaplZone z : zones) {
      if (z.isParentOf(zone)) {
        return z;
      }
    }
    return null;
  }
}
