package dev.jouletrace.agent.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Cli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void usageNamesTheReportCommand() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("java -jar jouletrace-agent.jar report <report-folder>... [-o page.html]");
  }

  @Test
  void reportWithoutAFolderPrintsItsUsageAndExitsWith2() {
    assertThat(run("report")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("report: no report folder given")
        .contains("usage: java -jar jouletrace-agent.jar report");
  }

  @Test
  void reportOfAFolderWithoutReportJsonSaysSo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(run("report", empty.toString(), "-o", dir.resolve("p.html").toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no report.json");
    assertThat(dir.resolve("p.html")).doesNotExist();
  }
}
