package dev.jouletrace.probe.internal.rapl;

import java.nio.file.Path;

/**
 * One powercap zone as found on disk, e.g. {@code intel-rapl:0:2} named {@code dram}.
 *
 * <p>Zone ids are hexadecimal ({@code powercap_sys.c} formats them with {@code "%s:%x"}, so the
 * eleventh package is {@code intel-rapl:a}); what a zone measures is known only from its {@code
 * name} file, never from its number (on two sockets {@code intel-rapl:1} is {@code package-1}, not
 * psys).
 */
final class RaplZone {
  private final Path dir;
  private final String controlType;
  private final int[] ids;
  private final String name;
  private final long maxEnergyRangeUj;

  RaplZone(Path dir, String controlType, int[] ids, String name, long maxEnergyRangeUj) {
    this.dir = dir;
    this.controlType = controlType;
    this.ids = ids.clone();
    this.name = name;
    this.maxEnergyRangeUj = maxEnergyRangeUj;
  }

  /**
   * Parses a zone directory name such as {@code intel-rapl:a:0}; returns null for anything else
   * (e.g. the control-type directory {@code intel-rapl}).
   */
  static int[] parseIds(String dirName) {
    String[] parts = dirName.split(":", -1);
    if (parts.length < 2) {
      return null;
    }
    int[] ids = new int[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      try {
        ids[i - 1] = Integer.parseInt(parts[i], 16);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ids;
  }

  static String controlTypeOf(String dirName) {
    int colon = dirName.indexOf(':');
    return colon < 0 ? dirName : dirName.substring(0, colon);
  }

  Path dir() {
    return dir;
  }

  Path energyFile() {
    return dir.resolve("energy_uj");
  }

  String controlType() {
    return controlType;
  }

  /** {@code intel-rapl-mmio} zones repeat the package counters of {@code intel-rapl}. */
  boolean isMmio() {
    return controlType.endsWith("-mmio");
  }

  boolean isTopLevel() {
    return ids.length == 1;
  }

  /** Whether {@code child} sits directly under this zone (e.g. {@code :0} and {@code :0:2}). */
  boolean isParentOf(RaplZone child) {
    if (!controlType.equals(child.controlType) || child.ids.length != ids.length + 1) {
      return false;
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != child.ids[i]) {
        return false;
      }
    }
    return true;
  }

  String name() {
    return name;
  }

  boolean isPackage() {
    return isTopLevel() && name.startsWith("package-");
  }

  boolean isDram() {
    return "dram".equals(name);
  }

  boolean isPsys() {
    return "psys".equals(name);
  }

  /** 0 when {@code max_energy_range_uj} was unreadable: wraps cannot then be told from resets. */
  long maxEnergyRangeUj() {
    return maxEnergyRangeUj;
  }

  String dirName() {
    return dir.getFileName().toString();
  }

  @Override
  public String toString() {
    return dirName() + " (" + name + ")";
  }
}
