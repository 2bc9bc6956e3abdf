package dev.jouletrace.probe.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles a C fake of a native library with gcc, once per JVM, into one shared object per variant.
 * gcc is not part of the Java toolchain, so a machine without it skips the tests that need the fake
 * instead of failing them; a fake that does not compile fails them.
 */
public final class FakeLibraryBuild {
  private final String fake;
  private final String source;
  private final Map<Path, List<String>> variants = new LinkedHashMap<>();
  private boolean built;
  private String failure;

  /**
   * @param fake what is built, as the skip and failure messages name it ("fake NVML")
   * @param source the C file, relative to the module
   */
  public FakeLibraryBuild(String fake, String source) {
    this.fake = fake;
    this.source = source;
  }

  /** Adds a shared object built from the source with these extra gcc arguments ({@code -D...}). */
  public FakeLibraryBuild variant(Path library, String... defines) {
    variants.put(library, List.of(defines));
    return this;
  }

  /** Builds every variant on first call; skips the calling test when gcc is missing. */
  public synchronized void ensureBuilt() {
    Assumptions.assumeTrue(gccAvailable(), "gcc is not installed: " + fake + " tests skipped");
    if (!built && failure == null) {
      try {
        for (Map.Entry<Path, List<String>> v : variants.entrySet()) {
          Files.createDirectories(v.getKey().getParent());
          compile(v.getKey(), v.getValue());
        }
        built = true;
      } catch (IOException | InterruptedException e) {
        failure = e.toString();
      }
    }
    if (failure != null) {
      throw new IllegalStateException(fake + " did not build: " + failure);
    }
  }

  private void compile(Path out, List<String> defines) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror"));
    cmd.addAll(defines);
    cmd.addAll(List.of("-o", out.toString(), source));
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
