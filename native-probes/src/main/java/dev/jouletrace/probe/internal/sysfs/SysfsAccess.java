package dev.jouletrace.probe.internal.sysfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * File access used by the sysfs/procfs probes. Injectable because tests run as root, where {@code
 * chmod 000} proves nothing: a test substitutes an implementation that throws {@link
 * java.nio.file.AccessDeniedException} or {@link IOException} for chosen files.
 */
public interface SysfsAccess {

  /** Whether {@code path} exists and is a directory (symlinks followed, as in /sys/class). */
  boolean isDirectory(Path path);

  /** Whether {@code path} exists (symlinks followed). */
  boolean exists(Path path);

  /** The entries of {@code dir}, sorted by file name. */
  List<Path> list(Path dir) throws IOException;

  /** The whole file as trimmed text; for discovery-time files such as {@code name}. */
  String readText(Path file) throws IOException;

  /** Opens a file holding one decimal integer for repeated, allocation-free reads. */
  CounterFile openCounter(Path file) throws IOException;

  /** The real file system. */
  static SysfsAccess real() {
    return FileSysfsAccess.INSTANCE;
  }
}
