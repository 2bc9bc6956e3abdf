package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.jouletrace.probe.internal.FakeLibraryBuild;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Builds src/test/c/fake_amdsmi.c with gcc into target/fake-amdsmi (once per JVM) and drives it
 * through its exported fake_amd_* functions. Tests are skipped, not failed, when gcc is absent.
 */
public final class FakeAmdSmi {
  static final Path DIR = Paths.get("target", "fake-amdsmi").toAbsolutePath();

  /**
   * Not named {@code libamd_smi.so}: JNA caches a loaded library under its file name too, so a fake
   * of that name would answer a later lookup of the real one in the same JVM.
   */
  public static final Path LIBRARY = DIR.resolve("libfake_amd_smi.so");

  // Call counters of fake_amdsmi.c.
  static final int C_INIT = 0;
  static final int C_SHUT_DOWN = 1;
  static final int C_ENERGY = 6;

  private static final FakeLibraryBuild BUILD =
      new FakeLibraryBuild("fake AMD SMI", "src/test/c/fake_amdsmi.c").variant(LIBRARY);

  /** The control surface of the fake library. */
  public interface Control extends Library {
    void fake_amd_reset();

    int fake_amd_calls(int which);

    int fake_amd_refs();

    long fake_amd_init_flags();

    void fake_amd_set_init_rc(int rc);

    void fake_amd_add_gpu(int socket, int domain, int bus, int device, int function, String uuid);

    void fake_amd_set_energy(int i, long accumulator, float resolution, int rc);

    void fake_amd_set_identity_rc(int i, int bdfRc, int uuidRc);
  }

  private FakeAmdSmi() {}

  /** Compiles the fake (skipping the test when gcc is missing) and returns its control, reset. */
  public static synchronized Control control() {
    BUILD.ensureBuilt();
    Control c = Native.load(LIBRARY.toString(), Control.class);
    c.fake_amd_reset();
    return c;
  }
}
