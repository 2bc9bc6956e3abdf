package dev.jouletrace.samples.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a finished fork left behind: exit code, captured output and the report directory it was
 * given.
 */
record ForkResult(
    String name, int exitCode, Path stdoutFile, Path stderrFile, Path reportDir, Duration wall) {

  List<String> stdoutLines() {
    return read(stdoutFile);
  }

  List<String> stderrLines() {
    return read(stderrFile);
  }

  /** For assertion messages: where to look and the end of stderr. */
  String describe() {
    List<String> err = stderrLines();
    return name
        + " (exit "
        + exitCode
        + ", "
        + wall.toMillis()
        + " ms; output in "
        + stdoutFile.getParent()
        + "); stderr tail:\n"
        + String.join("\n", err.subList(Math.max(0, err.size() - 30), err.size()));
  }

  private static List<String> read(Path file) {
    try {
      // Lenient decoding: native libraries may print bytes that are not UTF-8.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
