package dev.jouletrace.probe.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Initialises JNA's library search path without a child process. Left alone, the first use of JNA's
 * {@code NativeLibrary} on Linux runs {@code /sbin/ldconfig -p} to list the linker's directories,
 * and then sets the system property {@code jna.platform.library.path} for the whole JVM. Jouletrace
 * promises no child process and leaves the application's properties as they were, so the property
 * is set, only while that class initialises, to the directories JNA would list first anyway
 * (docs/PROBES.md §1.1). The libraries Jouletrace loads by soname ({@code libnvidia-ml.so.1}) are
 * found by {@code dlopen} itself, through the linker's own cache.
 */
public final class JnaPaths {
  static final String PROPERTY = "jna.platform.library.path";
  private static boolean initialised;

  private JnaPaths() {}

  /** Call before anything of JNA that loads a library; idempotent. */
  public static synchronized void beforeFirstUse() {
    if (initialised) {
      return;
    }
    initialised = true;
    boolean absent = System.getProperty(PROPERTY) == null;
    if (absent) {
      System.setProperty(PROPERTY, String.join(File.pathSeparator, standardDirectories()));
    }
    try {
      Class.forName("com.sun.jna.NativeLibrary", true, JnaPaths.class.getClassLoader());
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t;
      }
      // JNA cannot start here: each probe that needs it says so when it tries
    } finally {
      if (absent) {
        System.clearProperty(PROPERTY);
      }
    }
  }

  /** The multiarch and lib64 directories of this machine that exist, then /usr/lib and /lib. */
  static List<String> standardDirectories() {
    String arch = System.getProperty("os.arch", "");
    String multiarch =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x86_64-linux-gnu"
            : arch.equals("aarch64") ? "aarch64-linux-gnu" : null;
    List<String> candidates = new ArrayList<>();
    if (multiarch != null) {
      candidates.add("/usr/lib/" + multiarch);
      candidates.add("/lib/" + multiarch);
    }
    candidates.addAll(List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib"));
    List<String> existing = new ArrayList<>();
    for (String dir : candidates) {
      if (new File(dir).isDirectory()) {
        existing.add(dir);
      }
    }
    return existing;
  }
}
