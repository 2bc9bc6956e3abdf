package dev.jouletrace.probe.internal.rapl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a powercap tree the way /sys/class/powercap presents it: one flat entry per zone. */
final class FakePowercap {
  /** The range of a typical Intel package zone, 2^32 × 61 µJ (Skylake-SP). */
  static final long TYPICAL_RANGE_UJ = 262_143_328_850L;

  final Path root;

  FakePowercap(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("intel-rapl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakePowercap zone(String dirName, String name, long rangeUj, long energyUj) {
    Path dir = root.resolve(dirName);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("name"), name + "\n");
      if (rangeUj >= 0) {
        Files.writeString(dir.resolve("max_energy_range_uj"), rangeUj + "\n");
      }
      Files.writeString(dir.resolve("energy_uj"), energyUj + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Rewrites the counter in place, as the kernel regenerates it (same inode). */
  void set(String dirName, long energyUj) {
    try {
      Files.writeString(root.resolve(dirName).resolve("energy_uj"), energyUj + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path energyFile(String dirName) {
    return root.resolve(dirName).resolve("energy_uj");
  }
}
