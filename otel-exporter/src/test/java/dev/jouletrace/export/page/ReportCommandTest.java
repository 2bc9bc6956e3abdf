package dev.jouletrace.export.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path a;
  private Path b;

  @BeforeEach
  void folders() {
    a = dir.resolve("20261122-100000-pid1");
    b = dir.resolve("20261122-110000-pid2");
    SampleRuns.folder(a, 1.0);
    SampleRuns.folder(b, 2.0);
  }

  private int run(String... args) {
    return ReportCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneFolderIsRenderedAgainIntoItsOwnPage() throws Exception {
    Files.delete(a.resolve("report.html"));
    assertThat(run(a.toString())).isZero();
    String html = Files.readString(a.resolve("report.html"));
    assertThat(html).contains("data-chart=\"learning\"").doesNotContain("Show run:");
    assertThat(html).contains("20261122-100000-pid1");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote").contains("(1 run)");
  }

  @Test
  void severalFoldersAreComparedOnOnePageWrittenWhereMinusOSays() throws Exception {
    Path page = dir.resolve("out/compare.html");
    assertThat(run(a.toString(), "-o", page.toString(), b.toString())).isZero();
    String html = Files.readString(page);
    assertThat(html).contains("data-chart=\"comparison\"").contains("Show run:");
    assertThat(html)
        .contains("20261122-100000-pid1 · run 1 · djl")
        .contains("20261122-110000-pid2 · run 1 · djl");
    // the table: best reached after 7.50 kJ in the first, 15.0 kJ in the second
    assertThat(html).contains("<td>7.50 kJ</td>").contains("<td>15.0 kJ</td>");
    assertThat(ReportPageTest.count(html, "data-chart=\"power\"")).isEqualTo(2);
    assertThat(ReportPageTest.chart(html, "power")).contains("<polyline class=\"power\"");
  }

  @Test
  void wrongArgumentsPrintTheUsageAndExitWith2() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("no report folder given").contains("usage: java -jar");
    assertThat(run(a.toString(), "-o")).isEqualTo(2);
    assertThat(err()).contains("-o needs a file name");
    assertThat(run("--colour", a.toString())).isEqualTo(2);
    assertThat(err()).contains("unknown option '--colour'");
    assertThat(run(dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(err()).contains("is not a Jouletrace report folder");
    assertThat(out.size()).isZero();
  }

  @Test
  void aBrokenReportJsonIsNamed() throws Exception {
    Files.writeString(a.resolve("report.json"), "{\"runs\": [");
    assertThat(run(a.toString())).isEqualTo(2);
    assertThat(err()).contains("cannot read").contains("report.json");
  }

  @Test
  void aPageThatCannotBeWrittenExitsWith1() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThat(run(a.toString(), "-o", blocker.resolve("page.html").toString())).isEqualTo(1);
    assertThat(err()).contains("cannot write");
  }
}
