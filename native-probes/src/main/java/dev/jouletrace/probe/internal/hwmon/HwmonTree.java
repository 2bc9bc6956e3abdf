package dev.jouletrace.probe.internal.hwmon;

import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hwmon sensors of GPUs, found under both {@code /sys/class/hwmon/hwmon*} and {@code
 * /sys/class/drm/card*}{@code /device/hwmon/hwmon*} (the same sensor appears in both; it is kept
 * once per PCI device and driver). A sensor is identified by its {@code name} file, never by its
 * number, which changes between boots.
 */
final class HwmonTree {
  private HwmonTree() {}

  static List<HwmonSensor> scan(Path hwmonRoot, Path drmRoot, SysfsAccess fs) {
    Map<String, HwmonSensor> byKey = new LinkedHashMap<>();
    for (Path dir : hwmonDirs(hwmonRoot, drmRoot, fs)) {
      String name;
      try {
        name = fs.readText(dir.resolve("name"));
      } catch (IOException e) {
        continue;
      }
      String device = pciSlot(dir, fs);
      byKey.putIfAbsent(name + "@" + device, new HwmonSensor(dir, name, device));
    }
    return new ArrayList<>(byKey.values());
  }

  private static List<Path> hwmonDirs(Path hwmonRoot, Path drmRoot, SysfsAccess fs) {
    List<Path> dirs = new ArrayList<>();
    for (Path p : list(hwmonRoot, fs)) {
      if (p.getFileName().toString().startsWith("hwmon") && fs.isDirectory(p)) {
        dirs.add(p);
      }
    }
    for (Path card : list(drmRoot, fs)) {
      String n = card.getFileName().toString();
      // card0, card1 ...; skip connectors such as card0-DP-1.
      if (!n.startsWith("card") || n.indexOf('-') >= 0) {
        continue;
      }
      for (Path p : list(card.resolve("device").resolve("hwmon"), fs)) {
        if (p.getFileName().toString().startsWith("hwmon") && fs.isDirectory(p)) {
          dirs.add(p);
        }
      }
    }
    return dirs;
  }

  private static List<Path> list(Path dir, SysfsAccess fs) {
    if (!fs.isDirectory(dir)) {
      return List.of();
    }
    try {
      return fs.list(dir);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** PCI_SLOT_NAME from the parent device's uevent; the hwmon directory name otherwise. */
  private static String pciSlot(Path hwmonDir, SysfsAccess fs) {
    try {
      for (String line : fs.readText(hwmonDir.resolve("device").resolve("uevent")).split("\n")) {
        if (line.startsWith("PCI_SLOT_NAME=")) {
          return line.substring("PCI_SLOT_NAME=".length()).trim();
        }
      }
    } catch (IOException e) {
      // not a PCI device, or no uevent in a fake tree
    }
    return hwmonDir.getFileName().toString();
  }
}
