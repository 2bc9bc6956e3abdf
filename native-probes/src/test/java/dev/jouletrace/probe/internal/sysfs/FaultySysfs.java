package dev.jouletrace.probe.internal.sysfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real file access with injected failures: tests run as root, where chmod cannot make a file
 * unreadable, so denial and I/O errors are injected here instead.
 */
public final class FaultySysfs implements SysfsAccess {
  private final SysfsAccess real = SysfsAccess.real();
  private final Set<Path> deniedOnOpen = new HashSet<>();
  private final Map<Path, Integer> failingReads = new HashMap<>();

  /** Opening {@code file} throws {@link AccessDeniedException}, as a 0400 energy_uj does. */
  public FaultySysfs deny(Path file) {
    deniedOnOpen.add(file.toAbsolutePath().normalize());
    return this;
  }

  /** The next {@code count} reads of the opened {@code file} throw {@link IOException}. */
  public FaultySysfs failNextReads(Path file, int count) {
    failingReads.put(file.toAbsolutePath().normalize(), count);
    return this;
  }

  @Override
  public boolean isDirectory(Path path) {
    return real.isDirectory(path);
  }

  @Override
  public boolean exists(Path path) {
    return real.exists(path);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return real.list(dir);
  }

  @Override
  public String readText(Path file) throws IOException {
    if (deniedOnOpen.contains(file.toAbsolutePath().normalize())) {
      throw new AccessDeniedException(file.toString());
    }
    return real.readText(file);
  }

  @Override
  public CounterFile openCounter(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    if (deniedOnOpen.contains(key)) {
      throw new AccessDeniedException(file.toString());
    }
    CounterFile delegate = real.openCounter(file);
    return new CounterFile() {
      @Override
      public long readLong() throws IOException {
        Integer left = failingReads.get(key);
        if (left != null && left > 0) {
          failingReads.put(key, left - 1);
          throw new IOException("injected read failure on " + file);
        }
        return delegate.readLong();
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
