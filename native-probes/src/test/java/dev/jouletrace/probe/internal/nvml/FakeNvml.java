package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds src/test/c/fake_nvml.c with gcc into target/fake-nvml (once per JVM) and drives it through
 * its exported fake_* functions. Tests are skipped, not failed, when gcc is absent.
 */
public final class FakeNvml {
  static final Path DIR = Paths.get("target", "fake-nvml").toAbsolutePath();
  public static final Path LIBRARY = DIR.resolve("libfake-nvidia-ml.so.1");
  static final Path OLD_DRIVER = DIR.resolve("old-driver").resolve("libfake-nvidia-ml.so.1");

  // Call counters of fake_nvml.c.
  static final int C_INIT = 0;
  static final int C_ENERGY = 7;
  static final int C_POWER = 8;
  static final int C_FIELDS = 9;
  static final int C_PROC_UTIL = 12;

  private static boolean built;
  private static String buildFailure;

  /** The control surface of the fake library. */
  public interface Control extends Library {
    void fake_reset();

    int fake_calls(int which);

    void fake_set_init_rc(int rc);

    void fake_add_device(String uuid, String name, String busId, int ccMajor, int ccMinor);

    void fake_set_energy(int i, long mj, int rc);

    void fake_set_power(int i, int mw, int field186Rc, int field185Rc, int usageRc);

    void fake_set_limit(int i, int mw, int rc);

    void fake_set_utilization(int i, int gpu, int rc);

    void fake_set_process(int i, int slot, int pid, int sm);

    void fake_set_process_samples(int i, int nprocs, long tsUs, int rc);

    void fake_set_mig(int i, int mode, int slot, String uuid, int gi, int ci);
  }

  private FakeNvml() {}

  /** Compiles the fake (skipping the test when gcc is missing) and returns its control. */
  public static synchronized Control control() {
    ensureBuilt();
    Control c = Native.load(LIBRARY.toString(), Control.class);
    c.fake_reset();
    return c;
  }

  /** The old-driver variant, without the energy counter and process utilisation symbols. */
  static synchronized Control oldDriverControl() {
    ensureBuilt();
    Control c = Native.load(OLD_DRIVER.toString(), Control.class);
    c.fake_reset();
    return c;
  }

  private static void ensureBuilt() {
    Assumptions.assumeTrue(gccAvailable(), "gcc is not installed: fake NVML tests skipped");
    if (!built && buildFailure == null) {
      try {
        Files.createDirectories(OLD_DRIVER.getParent());
        compile(LIBRARY);
        compile(OLD_DRIVER, "-DFAKE_OLD_DRIVER");
        built = true;
      } catch (IOException | InterruptedException e) {
        buildFailure = e.toString();
      }
    }
    if (buildFailure != null) {
      throw new IllegalStateException("fake NVML did not build: " + buildFailure);
    }
  }

  private static void compile(Path out, String... defines)
      throws IOException, InterruptedException {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.addAll(java.util.List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
    cmd.addAll(java.util.List.of(defines));
    cmd.addAll(java.util.List.of("-o", out.toString(), "src/test/c/fake_nvml.c"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("gcc failed: " + log);
    }
  }

  private static boolean gccAvailable() {
    try {
      Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
