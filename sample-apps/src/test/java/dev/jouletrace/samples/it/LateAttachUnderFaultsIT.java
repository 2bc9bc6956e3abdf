package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loop.ShortEpochs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code attach <pid>} into a hand-written loop of 2 ms epochs already under way (a forked JVM in a
 * loopback-only network namespace), with faults in the attach arguments: a report folder that
 * cannot be created (a file stands in its path) and a wrong configuration value. The training runs
 * every epoch and exits as without the agent; each fault is said once; the run is picked up at its
 * next epoch and measured.
 */
class LateAttachUnderFaultsIT {
  private static final String LOOP = ShortEpochs.class.getName();
  private static final int EPOCHS = 4000;

  /** The JDK of the training and of the attach command; this class uses the one running tests. */
  Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @Test
  void attachingWithAnUnwritableReportFolderAndAWrongValueMeasuresAndSaysEachOnce()
      throws Exception {
    ItSettings settings = ItSettings.fromSystemProperties();
    ForkedJvm.Running training =
        onJdk(ForkedJvm.of(settings, "attach-under-faults", ShortEpochs.class))
            .withoutAgent()
            .loopbackOnly()
            .appArgs("--epochs", String.valueOf(EPOCHS), "--epoch-micros", "2000")
            .start();
    Path blocker = training.dir().resolve("not-a-folder");
    Files.writeString(blocker, "a file where the report folder should go");
    Thread.sleep(1500); // training under way

    Path attachLog = training.dir().resolve("attach.txt");
    String args =
        "targets="
            + LOOP
            + "#run:run,"
            + LOOP
            + "#epoch:epoch,"
            + LOOP
            + "#step:step,report.dir="
            + blocker.resolve("reports")
            + ",sampler.interval_ms=soon";
    Process attach =
        new ProcessBuilder(
                javaHome().resolve("bin").resolve("java").toString(),
                "-jar",
                settings.agentJar().toString(),
                "attach",
                String.valueOf(training.pid()),
                args)
            .redirectErrorStream(true)
            .redirectOutput(attachLog.toFile())
            .start();
    assertThat(attach.waitFor(60, TimeUnit.SECONDS)).as("attach finished").isTrue();
    assertThat(attach.exitValue()).as(Files.readString(attachLog)).isZero();

    ForkResult fork = training.await();
    assertThat(fork.exitCode()).as(fork.describe()).isZero();
    assertThat(fork.stdoutLines())
        .as("the training itself ran every epoch")
        .anyMatch(line -> line.startsWith("training ") && line.contains("epochs=" + EPOCHS));
    List<String> agent =
        fork.stderrLines().stream().filter(line -> line.startsWith("[jouletrace]")).toList();
    assertThat(agent.stream().filter(line -> line.contains("sampler.interval_ms")).count())
        .as("the wrong value, said once")
        .isEqualTo(1);
    assertThat(agent.stream().filter(line -> line.contains("cannot write the report")).count())
        .as("the unwritable report folder, said once")
        .isEqualTo(1);
    assertThat(agent).anyMatch(line -> line.contains("attached"));
    assertThat(agent).anyMatch(line -> line.contains("custom run 1 completed"));
    assertThat(agent).noneMatch(line -> line.contains("internal error"));
  }
}
