package dev.jouletrace.probe.internal.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link SysfsAccess} on the default file system. */
final class FileSysfsAccess implements SysfsAccess {
  static final FileSysfsAccess INSTANCE = new FileSysfsAccess();

  private FileSysfsAccess() {}

  @Override
  public boolean isDirectory(Path path) {
    return Files.isDirectory(path);
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(entries::add);
    }
    entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return entries;
  }

  @Override
  public String readText(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
  }

  @Override
  public CounterFile openCounter(Path file) throws IOException {
    return ChannelCounterFile.open(file);
  }
}
