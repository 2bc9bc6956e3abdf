package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless and cut off from the network (no background networking,
 * component updates, sync or QUIC; a fresh profile each time), opening local pages only.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path workDir;
  private int runs;

  HeadlessChromium(Path workDir) {
    this.workDir = workDir;
  }

  /** Whether the tests must run: chromium is there, or CI is set (then its absence fails). */
  static boolean required() {
    return Files.isExecutable(BINARY) || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The DOM after the page loaded (and ran whatever script it has), serialised, in a window of
   * {@code width × height} CSS pixels (the layout a screenshot of that size shows).
   */
  String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
    return run(page, window(width, height, "--dump-dom"));
  }

  /** A screenshot of the top {@code width × height} CSS pixels of the page, one pixel each. */
  void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(page, window(width, height, "--screenshot=" + png));
    assertThat(png).as("screenshot of " + page).isRegularFile();
  }

  private static List<String> window(int width, int height, String what) {
    return List.of(
        what,
        "--window-size=" + width + "," + height,
        "--hide-scrollbars",
        "--force-device-scale-factor=1");
  }

  private String run(Path page, List<String> extra) throws IOException, InterruptedException {
    assertThat(BINARY)
        .as("chromium (CI=true: .ci/run installs Debian's chromium when it is missing)")
        .isExecutable();
    int n = ++runs;
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + n));
    Path out = workDir.resolve("chromium-" + n + ".out");
    Path err = workDir.resolve("chromium-" + n + ".err");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile));
    command.addAll(extra);
    command.add(page.toUri().toString());
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .directory(workDir.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    assertThat(p.exitValue())
        .as("chromium exit code; stderr: " + Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
