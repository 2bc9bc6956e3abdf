package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's local report: the only subfolder of the report directory, holding {@code
 * report.json}.
 */
record RunReport(Path file, JsonNode root) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the report, asserting that the fork wrote exactly one report folder. */
  static RunReport readSingle(Path reportDir) throws IOException {
    assertThat(reportDir).as("report directory").isDirectory();
    List<Path> folders;
    try (Stream<Path> entries = Files.list(reportDir)) {
      folders = entries.filter(Files::isDirectory).toList();
    }
    assertThat(folders).as("report folders in %s", reportDir).hasSize(1);
    Path file = folders.get(0).resolve("report.json");
    assertThat(file).as("report file").isRegularFile();
    return new RunReport(file, JSON.readTree(file.toFile()));
  }

  /** Index, status and batches of each epoch of {@code run}, one line each, in order. */
  static List<String> epochs(JsonNode run) {
    List<String> epochs = new ArrayList<>();
    for (JsonNode epoch : run.path("epochs")) {
      epochs.add(
          epoch.path("index").asInt()
              + " "
              + epoch.path("status").asText()
              + " "
              + epoch.path("batches").asInt());
    }
    return epochs;
  }

  /** The single run in {@code runs}. */
  JsonNode onlyRun() {
    JsonNode runs = root.path("runs");
    assertThat(runs.isArray()).as("%s: runs is an array", file).isTrue();
    assertThat(runs.size()).as("%s: number of runs", file).isEqualTo(1);
    return runs.get(0);
  }

  /** True when {@code reportDir} is absent or empty. */
  static boolean nothingWritten(Path reportDir) throws IOException {
    if (!Files.exists(reportDir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(reportDir)) {
      return entries.findAny().isEmpty();
    }
  }
}
