package dev.jouletrace.probe.internal.amdsmi;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

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

  private static boolean built;
  private static String buildFailure;

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
    Assumptions.assumeTrue(gccAvailable(), "gcc is not installed: fake AMD SMI tests skipped");
    if (!built && buildFailure == null) {
      try {
        Files.createDirectories(DIR);
        compile(LIBRARY);
        built = true;
      } catch (IOException | InterruptedException e) {
        buildFailure = e.toString();
      }
    }
    if (buildFailure != null) {
      throw new IllegalStateException("fake AMD SMI did not build: " + buildFailure);
    }
    Control c = Native.load(LIBRARY.toString(), Control.class);
    c.fake_amd_reset();
    return c;
  }

  private static void compile(Path out) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
    cmd.addAll(List.of("-o", out.toString(), "src/test/c/fake_amdsmi.c"));
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
