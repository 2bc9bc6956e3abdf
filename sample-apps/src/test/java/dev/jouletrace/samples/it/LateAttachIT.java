package dev.jouletrace.samples.it;

import static dev.jouletrace.samples.it.ShapeTrace.BATCHES_PER_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar jouletrace-agent.jar attach <pid>} into a DL4J {@code fit(iterator, 40)} already
 * under way: the run is picked up at the next epoch boundary, marked attached late, its epochs
 * indexed from 0.
 */
class LateAttachIT {
  private static final int EPOCHS = 40;

  /** The JDK of the training and of the attach command; this class uses the one running tests. */
  Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @Test
  void attachingToARunningTrainingPicksItUpFromItsNextEpoch() throws Exception {
    ItSettings settings = ItSettings.fromSystemProperties();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ForkedJvm.Running training =
          onJdk(ForkedJvm.of(settings, "dl4j-late-attach", Dl4jMlp.class))
              .withoutAgent()
              .exportingTo(receiver)
              .appArgs(
                  "--mode",
                  "fit-epochs",
                  "--epochs",
                  String.valueOf(EPOCHS),
                  "--rows",
                  String.valueOf(ShapeTrace.ROWS),
                  "--batch",
                  String.valueOf(ShapeTrace.BATCH))
              .start();
      assertThat(training.awaitOutput("Dl4jMlp epoch 1:", Duration.ofSeconds(120)))
          .as("the training printed its second epoch")
          .isTrue();

      Path attachLog = training.dir().resolve("attach.txt");
      Process attach =
          new ProcessBuilder(
                  javaHome().resolve("bin").resolve("java").toString(),
                  "-jar",
                  settings.agentJar().toString(),
                  "attach",
                  String.valueOf(training.pid()))
              .redirectErrorStream(true)
              .redirectOutput(attachLog.toFile())
              .start();
      assertThat(attach.waitFor(60, TimeUnit.SECONDS)).as("attach finished").isTrue();
      assertThat(attach.exitValue()).as(Files.readString(attachLog)).isZero();

      ForkResult fork = training.await();
      assertThat(fork.exitCode()).as(fork.describe()).isZero();
      assertThat(fork.stderrLines()).anyMatch(line -> line.startsWith("[jouletrace]"));

      JsonNode run = RunReport.readSingle(fork.reportDir()).onlyRun();
      int seen = run.path("epochs").size();
      assertThat(seen).as("epochs seen after the attach").isBetween(1, EPOCHS - 2);
      receiver.awaitSpans(
          received ->
              ShapeTrace.named(received, "training.run").size() == 1
                  && ShapeTrace.named(received, "training.epoch").size() >= seen,
          Duration.ofSeconds(20));
      ShapeTrace trace = ShapeTrace.of(fork, receiver.spans(), run);
      trace.assertRun(run, "completed", true, true, seen, BATCHES_PER_EPOCH);
      assertThat(trace.runSpans()).hasSize(1);
      assertThat(trace.runSpans().get(0).attribute("jouletrace.run.attached_late"))
          .hasValueSatisfying(v -> assertThat(v.getBoolValue()).isTrue());
      assertThat(
              fork.stdoutLines().stream()
                  .filter(line -> line.startsWith("Dl4jMlp epoch "))
                  .toList())
          .as("the training itself ran every epoch")
          .hasSize(EPOCHS);
      assertThat(List.of(fork.stderrLines()))
          .noneMatch(lines -> lines.stream().anyMatch(l -> l.contains("internal error")));
    }
  }
}
