package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loop.ShortEpochs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The report folder removed, made read-only or full while a forked JVM trains (a hand-written loop
 * of 2 ms epochs through {@code jouletrace.targets}): the training ends as without the fault, one
 * message says what happened, and writing resumes when the folder can be written again. Each fork
 * runs in a network namespace with only loopback ({@link ForkedJvm#loopbackOnly()}).
 *
 * <p>Read-only: the fork runs as an unprivileged user ({@link ForkedJvm#unprivileged()}), since
 * permissions do not stop root. Full: the report folder is a small tmpfs in the fork's own mount
 * namespace ({@link ForkedJvm#reportOnTmpfs}), grown with {@code nsenter ... mount -o remount} once
 * the fork said it could not write; nothing outside the fork's namespace is filled.
 */
class ReportFolderFaultsIT {
  private static final String LOOP = ShortEpochs.class.getName();
  private static final String TARGETS =
      "targets=" + LOOP + "#run:run," + LOOP + "#epoch:epoch," + LOOP + "#step:step";
  private static final String CANNOT_WRITE = "cannot write the report";
  private static final String WRITTEN_AGAIN = "is written again";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ItSettings settings = ItSettings.fromSystemProperties();

  /** The JDK the forks run on; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  private ForkedJvm training(String name, int epochs) {
    return onJdk(
        ForkedJvm.of(settings, name, ShortEpochs.class)
            .agentArgs(TARGETS)
            .appArgs("--epochs", String.valueOf(epochs), "--epoch-micros", "2000"));
  }

  @Test
  void aReportFolderRemovedMidRunIsWrittenAgainAndTheTrainingGoesOn() throws Exception {
    int epochs = 3000;
    ForkedJvm.Running running = training("report-removed", epochs).loopbackOnly().start();
    Path folder = running.awaitEpochsOnDisk(50).folder();
    deleteRecursively(folder);
    ForkResult result = running.await();

    assertTrainingUnaffected(result, epochs);
    assertThat(agentLines(result, "was removed")).hasSize(1);
    assertThat(agentLines(result, CANNOT_WRITE)).isEmpty();
    JsonNode run = RunReport.readSingle(result.reportDir()).onlyRun();
    assertThat(run.path("status").asText()).isEqualTo("completed");
    assertThat(run.path("totals").path("epochs").asInt()).isEqualTo(epochs);
    // the epochs written before the removal went with it; every one after it is there, in order
    List<Integer> kept = indexes(run.path("epochs"));
    assertThat(kept).isNotEmpty().hasSizeLessThan(epochs);
    assertThat(kept.get(kept.size() - 1)).isEqualTo(epochs - 1);
    assertConsecutive(kept);
    assertThat(linesOf(result, "epochs.jsonl")).hasSameSizeAs(kept);
  }

  @Test
  void aReportFolderMadeReadOnlyMidRunLosesNothingOnceWritableAgain() throws Exception {
    int epochs = 8000; // 16 s: long enough for the 10 s render to meet the read-only folder
    ForkedJvm.Running running = training("report-read-only", epochs).unprivileged().start();
    Path folder = running.awaitEpochsOnDisk(50).folder();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThat(awaitAgentLine(running, CANNOT_WRITE, Duration.ofSeconds(60)))
          .as("the fork says it cannot write")
          .isTrue();
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    ForkResult result = running.await();

    assertTrainingUnaffected(result, epochs);
    assertOneFailureAndOneRecovery(result);
    assertEveryEpochOnDisk(result, epochs);
  }

  @Test
  void aFullReportFolderLosesNothingOnceThereIsRoomAgain() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "growing the fork's tmpfs with nsenter needs root");
    int epochs = 3000;
    ForkedJvm.Running running = training("report-full", epochs).reportOnTmpfs("48k").start();
    assertThat(awaitAgentLine(running, CANNOT_WRITE, Duration.ofSeconds(60)))
        .as("the fork says it cannot write")
        .isTrue();
    Process grow =
        new ProcessBuilder(
                "nsenter",
                "-t",
                String.valueOf(running.pid()),
                "-m",
                "mount",
                "-o",
                "remount,size=64m",
                running.dir().resolve("report").toString())
            .redirectErrorStream(true)
            .start();
    String growOutput = new String(grow.getInputStream().readAllBytes());
    assertThat(grow.waitFor(20, TimeUnit.SECONDS) && grow.exitValue() == 0)
        .as("nsenter remount: %s", growOutput)
        .isTrue();
    ForkResult result = running.await();

    assertTrainingUnaffected(result, epochs);
    assertThat(agentLines(result, CANNOT_WRITE).get(0)).contains("No space left on device");
    assertOneFailureAndOneRecovery(result);
    assertEveryEpochOnDisk(result, epochs);
  }

  private static void assertTrainingUnaffected(ForkResult result, int epochs) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdoutLines())
        .anyMatch(line -> line.startsWith("training ") && line.contains("epochs=" + epochs));
    assertThat(result.stderrLines()).noneMatch(line -> line.contains("internal error"));
  }

  private static void assertOneFailureAndOneRecovery(ForkResult result) {
    assertThat(agentLines(result, CANNOT_WRITE)).as(result.describe()).hasSize(1);
    assertThat(agentLines(result, WRITTEN_AGAIN)).as(result.describe()).hasSize(1);
  }

  /** Every epoch once and in order, in epochs.jsonl and report.json alike. */
  private static void assertEveryEpochOnDisk(ForkResult result, int epochs) throws IOException {
    JsonNode run = RunReport.readSingle(result.reportDir()).onlyRun();
    assertThat(run.path("status").asText()).isEqualTo("completed");
    List<Integer> reported = indexes(run.path("epochs"));
    assertThat(reported).hasSize(epochs);
    assertConsecutive(reported);
    List<String> lines = linesOf(result, "epochs.jsonl");
    assertThat(lines).hasSize(epochs);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(JSON.readTree(lines.get(i)).path("index").asInt(-1)).isEqualTo(i);
    }
  }

  private static List<Integer> indexes(JsonNode epochs) {
    return Stream.iterate(0, i -> i < epochs.size(), i -> i + 1)
        .map(i -> epochs.get(i).path("index").asInt(-1))
        .toList();
  }

  private static void assertConsecutive(List<Integer> indexes) {
    for (int i = 1; i < indexes.size(); i++) {
      assertThat(indexes.get(i))
          .as("epoch after %d", indexes.get(i - 1))
          .isEqualTo(indexes.get(i - 1) + 1);
    }
  }

  private static List<String> agentLines(ForkResult result, String text) {
    return result.stderrLines().stream()
        .filter(line -> line.startsWith("[jouletrace]") && line.contains(text))
        .toList();
  }

  private static List<String> linesOf(ForkResult result, String file) throws IOException {
    Path report = RunReport.readSingle(result.reportDir()).file();
    return Files.readAllLines(report.resolveSibling(file));
  }

  private static boolean awaitAgentLine(ForkedJvm.Running running, String text, Duration timeout)
      throws Exception {
    Path stderr = running.dir().resolve("stderr.txt");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readAllLines(stderr).stream()
          .anyMatch(line -> line.startsWith("[jouletrace]") && line.contains(text))) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Deletes the folder while the fork may still write into it: tries until it is gone. */
  private static void deleteRecursively(Path folder) throws Exception {
    for (int attempt = 0; attempt < 50 && Files.exists(folder); attempt++) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException raced) {
        Thread.sleep(5);
      }
    }
  }
}
