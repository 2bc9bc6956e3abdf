package dev.jouletrace.probe.internal.hwmon;

import java.nio.file.Path;

/** One hwmon directory with its driver {@code name} and the PCI device it belongs to. */
final class HwmonSensor {
  final Path dir;
  final String driver;

  /** PCI address such as {@code 0000:03:00.0}, or the hwmon directory name when unknown. */
  final String deviceId;

  HwmonSensor(Path dir, String driver, String deviceId) {
    this.dir = dir;
    this.driver = driver;
    this.deviceId = deviceId;
  }

  @Override
  public String toString() {
    return dir + " (" + driver + ", " + deviceId + ")";
  }
}
