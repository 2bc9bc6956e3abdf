package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStart;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.probe.EnergyMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochLogTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private static RunLedger run(int number) {
    return new RunLedger(
        new RunStart(number, "dl4j", Records.T0, -1, true, false), RunForecaster.defaults());
  }

  private static void append(EpochLog log, RunLedger run, int index) {
    log.append(
        run.add(
            Records.builder(index)
                .run(run.number(), "dl4j")
                .energy(Records.cpu(index + 1, EnergyMethod.MEASURED))
                .build(),
            Records.carbon(Records.epoch(index, index + 1, EnergyMethod.MEASURED))));
  }

  /** The run's epochs as the report's array holds them. */
  private List<Integer> indexes(EpochLog log, int run) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    log.copyRun(run, out);
    out.write(']');
    JsonNode array = json.readTree(out.toString(StandardCharsets.UTF_8));
    List<Integer> indexes = new ArrayList<>();
    for (JsonNode e : array) {
      assertThat(e.get("run").asInt()).isEqualTo(run);
      indexes.add(e.get("index").asInt());
    }
    return indexes;
  }

  @Test
  void eachRunsEpochsAreCopiedInOrderWhenRunsInterleave() throws IOException {
    EpochLog log = new EpochLog(dir, 1 << 20);
    RunLedger one = run(1);
    RunLedger two = run(2);
    for (int i = 0; i < 5; i++) {
      append(log, one, i);
      append(log, two, i);
      append(log, two, 5 + i);
    }
    log.file().flush();

    assertThat(indexes(log, 1)).containsExactly(0, 1, 2, 3, 4);
    assertThat(indexes(log, 2)).containsExactly(0, 5, 1, 6, 2, 7, 3, 8, 4, 9);
    assertThat(Files.readAllLines(log.path())).hasSize(15);
  }

  @Test
  void aRunTooScatteredToTrackIsFoundByItsPrefix() throws IOException {
    EpochLog log = new EpochLog(dir, 64 << 20);
    RunLedger one = run(1);
    RunLedger eleven = run(11);
    for (int i = 0; i < 5000; i++) {
      append(log, one, i);
      append(log, eleven, i);
    }
    log.file().flush();

    List<Integer> first = indexes(log, 1);
    assertThat(first).hasSize(5000);
    assertThat(first.get(4999)).isEqualTo(4999);
    assertThat(indexes(log, 11)).hasSize(5000);
  }

  @Test
  void afterTheFileWasRecreatedTheRunsAreFoundByPrefixInTheNewFile() throws IOException {
    EpochLog log = new EpochLog(dir.resolve("jvm"), 1 << 20);
    RunLedger one = run(1);
    append(log, one, 0);
    log.file().flush();
    Files.delete(log.path());
    append(log, one, 1);
    log.file().flush();

    assertThat(indexes(log, 1)).containsExactly(1);
    assertThat(indexes(log, 7)).isEmpty();
  }
}
