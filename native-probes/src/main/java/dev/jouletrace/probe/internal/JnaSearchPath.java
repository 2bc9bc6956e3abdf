package dev.jouletrace.probe.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Starts JNA without the child process it would otherwise spawn. When the system property {@code
 * jna.platform.library.path} is unset, JNA's {@code NativeLibrary} class runs {@code /sbin/ldconfig
 * -p} while it initialises, to list the linker's directories, and then sets the property for the
 * whole JVM (docs/PROBES.md §1.1). Jouletrace starts no process and leaves the application's
 * settings as it found them: while our copy of JNA initialises, the property holds the same
 * directories read from the files ldconfig reads ({@code /etc/ld.so.conf} and its includes) and
 * JNA's own defaults; then it is restored, so an application's own JNA behaves as without the
 * agent. The versioned names the probes load ({@code libnvidia-ml.so.1}) go to {@code dlopen} as
 * they are, which searches {@code LD_LIBRARY_PATH} and the linker cache itself: this list is only
 * JNA's fallback.
 */
public final class JnaSearchPath {
  static final String PROPERTY = "jna.platform.library.path";
  private static final int MAX_INCLUDE_DEPTH = 4;
  private static volatile boolean prepared;

  private JnaSearchPath() {}

  /**
   * Initialises our copy of JNA's {@code NativeLibrary} with the directories set for the duration
   * only; once per JVM, before any probe touches JNA. Never throws: if JNA cannot start, the probe
   * that needs it says so when it tries.
   */
  public static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    String before = System.getProperty(PROPERTY);
    if (before == null) {
      System.setProperty(PROPERTY, String.join(":", directories(Paths.get("/"))));
    }
    try {
      Class.forName("com.sun.jna.NativeLibrary", true, JnaSearchPath.class.getClassLoader());
    } catch (Throwable t) {
      // the probe that loads a library reports why JNA is unusable
    } finally {
      if (before == null) {
        System.clearProperty(PROPERTY);
      } else {
        System.setProperty(PROPERTY, before);
      }
    }
  }

  /**
   * The existing directories JNA would list: its defaults for this architecture first, then those
   * of {@code ld.so.conf} under {@code root}, each once, in order.
   */
  static List<String> directories(Path root) {
    Set<String> dirs = new LinkedHashSet<>();
    String multiArch = multiArch(System.getProperty("os.arch", ""));
    for (String d :
        List.of(
            "/usr/lib/" + multiArch,
            "/lib/" + multiArch,
            "/usr/lib64",
            "/lib64",
            "/usr/lib",
            "/lib")) {
      dirs.add(d);
    }
    readConf(root, root.resolve("etc/ld.so.conf"), dirs, 0);
    List<String> existing = new ArrayList<>();
    for (String d : dirs) {
      if (Files.isDirectory(root.resolve(d.substring(1)))) {
        existing.add(d);
      }
    }
    return existing;
  }

  /** Debian's multiarch triplet, as JNA forms it. */
  static String multiArch(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "x86_64-linux-gnu";
      case "x86":
      case "i386":
      case "i686":
        return "i386-linux-gnu";
      case "ppc64le":
      case "ppc64":
        return "powerpc64-linux-gnu";
      case "arm":
        return "arm-linux-gnueabi";
      default:
        return arch + "-linux-gnu";
    }
  }

  private static void readConf(Path root, Path conf, Set<String> dirs, int depth) {
    if (depth > MAX_INCLUDE_DEPTH || !Files.isRegularFile(conf)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(conf);
    } catch (IOException | RuntimeException e) {
      return;
    }
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("include ")) {
        for (Path included : glob(root, line.substring("include ".length()).trim())) {
          readConf(root, included, dirs, depth + 1);
        }
      } else if (line.startsWith("/")) {
        dirs.add(line.split("[\\s=]", 2)[0]);
      }
    }
  }

  /** The files an {@code include} line names: an absolute path whose last part may hold a glob. */
  private static List<Path> glob(Path root, String pattern) {
    List<Path> files = new ArrayList<>();
    if (!pattern.startsWith("/")) {
      return files;
    }
    Path absolute = root.resolve(pattern.substring(1));
    Path dir = absolute.getParent();
    String name = absolute.getFileName().toString();
    if (dir == null || !Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, name)) {
      for (Path p : entries) {
        files.add(p);
      }
    } catch (IOException | RuntimeException e) {
      return files;
    }
    files.sort(null);
    return files;
  }
}
