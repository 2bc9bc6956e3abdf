package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loop.ShortEpochs;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A hand-written loop of 100 000 epochs of about 1 ms (4 steps each), measured through {@code
 * jouletrace.targets} with default settings: every epoch reaches report.json and epochs.csv, in
 * order, and the run ends {@code completed} (issue 8). About 100 s of training, so the whole test
 * stays under two minutes on 2 cores once the agent keeps up.
 *
 * <p>The agent before issue 8's rework fails it: it re-renders the whole report after every epoch,
 * falls behind, and at exit keeps only the epochs it had written (a few hundred). {@code
 * -Djouletrace.it.manyEpochs=N} runs it with N epochs instead (with 20 the old agent passes).
 */
class ManyEpochsIT {
  private static final int EPOCHS = Integer.getInteger("jouletrace.it.manyEpochs", 100_000);
  private static final String LOOP = ShortEpochs.class.getName();
  private static final String TARGETS =
      "targets=" + LOOP + "#run:run," + LOOP + "#epoch:epoch," + LOOP + "#step:step";

  @Test
  void everyShortEpochReachesReportJsonAndEpochsCsvInOrder() throws Exception {
    ForkResult fork =
        ForkedJvm.of(ItSettings.fromSystemProperties(), "many-epochs", ShortEpochs.class)
            .agentArgs(TARGETS)
            .appArgs("--epochs", String.valueOf(EPOCHS), "--epoch-micros", "1000")
            .run();
    assertThat(fork.exitCode()).as(fork.describe()).isZero();

    RunReport report = RunReport.readSingle(fork.reportDir());
    JsonNode run = report.onlyRun();
    JsonNode epochs = run.path("epochs");
    int[] jsonIndexes = new int[epochs.size()];
    for (int i = 0; i < jsonIndexes.length; i++) {
      jsonIndexes[i] = epochs.get(i).path("index").asInt(-1);
    }
    List<String> csv =
        Files.readAllLines(report.file().resolveSibling("epochs.csv"), StandardCharsets.UTF_8);
    int epochColumn = Arrays.asList(csv.get(0).split(",", -1)).indexOf("epoch");
    assertThat(epochColumn).as("epoch column in the header of epochs.csv").isNotNegative();
    int[] csvIndexes =
        csv.stream()
            .skip(1)
            .mapToInt(line -> Integer.parseInt(line.split(",", -1)[epochColumn]))
            .toArray();

    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(run.path("status").asText()).as("run status").isEqualTo("completed");
          soft.assertThat(jsonIndexes.length).as("epochs in report.json").isEqualTo(EPOCHS);
          soft.assertThat(firstOutOfPlace(jsonIndexes))
              .as("first position in report.json whose epoch index differs from it (-1: none)")
              .isEqualTo(-1);
          soft.assertThat(csvIndexes.length).as("data rows in epochs.csv").isEqualTo(EPOCHS);
          soft.assertThat(firstOutOfPlace(csvIndexes))
              .as("first data row of epochs.csv whose epoch differs from its position (-1: none)")
              .isEqualTo(-1);
        });
  }

  /**
   * The first position {@code i} where {@code indexes[i] != i}, or -1: a compact failure message
   * where comparing 100 000 elements would print them all.
   */
  private static int firstOutOfPlace(int[] indexes) {
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != i) {
        return i;
      }
    }
    return -1;
  }
}
