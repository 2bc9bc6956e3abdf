package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.jouletrace.probe.internal.FakeLibraryBuild;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Builds src/test/c/fake_nvml.c with gcc into target/fake-nvml (once per JVM) and drives it through
 * its exported fake_* functions. Tests are skipped, not failed, when gcc is absent.
 */
public final class FakeNvml {
  static final Path DIR = Paths.get("target", "fake-nvml").toAbsolutePath();
  public static final Path LIBRARY = DIR.resolve("libfake-nvidia-ml.so.1");
  static final Path OLD_DRIVER = DIR.resolve("old-driver").resolve("libfake-nvidia-ml.so.1");

  /** A driver older than the versioned API: nvmlInit, not nvmlInit_v2. */
  static final Path NO_INIT_V2 = DIR.resolve("no-init-v2").resolve("libfake-nvidia-ml.so.1");

  // Call counters of fake_nvml.c.
  static final int C_INIT = 0;
  static final int C_ENERGY = 7;
  static final int C_POWER = 8;
  static final int C_FIELDS = 9;
  static final int C_PROC_UTIL = 12;

  private static final FakeLibraryBuild BUILD =
      new FakeLibraryBuild("fake NVML", "src/test/c/fake_nvml.c")
          .variant(LIBRARY)
          .variant(OLD_DRIVER, "-DFAKE_OLD_DRIVER")
          .variant(NO_INIT_V2, "-DFAKE_NO_INIT_V2");

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
    BUILD.ensureBuilt();
    Control c = Native.load(LIBRARY.toString(), Control.class);
    c.fake_reset();
    return c;
  }

  /** The variant without nvmlInit_v2. */
  static synchronized Control noInitV2Control() {
    BUILD.ensureBuilt();
    Control c = Native.load(NO_INIT_V2.toString(), Control.class);
    c.fake_reset();
    return c;
  }

  /** The old-driver variant, without the energy counter and process utilisation symbols. */
  static synchronized Control oldDriverControl() {
    BUILD.ensureBuilt();
    Control c = Native.load(OLD_DRIVER.toString(), Control.class);
    c.fake_reset();
    return c;
  }
}
