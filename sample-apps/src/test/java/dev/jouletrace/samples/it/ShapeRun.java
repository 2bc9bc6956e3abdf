package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jouletrace.samples.shapes.FrameworkReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One training shape program run in a forked JVM with the agent: what the framework itself reported
 * on its {@link FrameworkReport} line, and what the agent wrote (its {@code report.json}, if it
 * wrote one, and its console lines).
 */
final class ShapeRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  final ForkResult fork;

  /** The program's {@link FrameworkReport}: DL4J's, ND4J's or DJL's own figures. */
  final JsonNode framework;

  /** The agent's report.json, or null when the fork wrote no report folder. */
  final JsonNode report;

  final List<String> reportFolders;

  private ShapeRun(ForkResult fork, JsonNode framework, JsonNode report, List<String> folders) {
    this.fork = fork;
    this.framework = framework;
    this.report = report;
    this.reportFolders = folders;
  }

  /**
   * Runs {@code main} with {@code args} in a fork named {@code name}, with the agent and no
   * exporter; fails unless the training itself succeeded and printed its framework report.
   */
  static ShapeRun run(
      ItSettings settings,
      String name,
      Class<?> main,
      UnaryOperator<ForkedJvm> configure,
      String... args)
      throws Exception {
    ForkResult result = configure.apply(ForkedJvm.of(settings, name, main).appArgs(args)).run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode framework = frameworkReport(result);
    List<String> folders = new ArrayList<>();
    JsonNode report = null;
    if (Files.isDirectory(result.reportDir())) {
      try (Stream<Path> entries = Files.list(result.reportDir())) {
        for (Path folder : entries.filter(Files::isDirectory).toList()) {
          folders.add(folder.getFileName().toString());
          Path file = folder.resolve("report.json");
          if (Files.isRegularFile(file)) {
            report = JSON.readTree(file.toFile());
          }
        }
      }
    }
    return new ShapeRun(result, framework, report, folders);
  }

  static ShapeRun run(ItSettings settings, String name, Class<?> main, String... args)
      throws Exception {
    return run(settings, name, main, fork -> fork, args);
  }

  private static JsonNode frameworkReport(ForkResult result) {
    List<String> lines =
        result.stdoutLines().stream().filter(l -> l.startsWith(FrameworkReport.PREFIX)).toList();
    assertThat(lines).as("framework report line of %s", result.describe()).hasSize(1);
    try {
      return JSON.readTree(lines.get(0).substring(FrameworkReport.PREFIX.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The report's runs; an assertion error saying so when the agent wrote no report (the shape was
   * not seen at all).
   */
  List<JsonNode> runs() {
    assertThat(report)
        .as(
            "report.json of %s: the agent wrote none (report folders: %s), so it saw no run for"
                + " this training",
            fork.name(), reportFolders)
        .isNotNull();
    List<JsonNode> runs = new ArrayList<>();
    report.path("runs").forEach(runs::add);
    return runs;
  }

  /** The single run, asserting that there is exactly one. */
  JsonNode onlyRun() {
    List<JsonNode> runs = runs();
    assertThat(runs.size())
        .as(
            "runs in %s (epochs of each: %s)",
            fork.name(), runs.stream().map(r -> r.path("epochs").size()).toList())
        .isEqualTo(1);
    return runs.get(0);
  }

  /** The agent's own console lines on standard error. */
  List<String> consoleLines() {
    return fork.stderrLines().stream().filter(l -> l.startsWith("[jouletrace]")).toList();
  }

  int frameworkInt(String field) {
    JsonNode value = framework.path(field);
    assertThat(value.isNumber()).as("framework report field %s: %s", field, framework).isTrue();
    return value.asInt();
  }

  long frameworkLong(String field) {
    JsonNode value = framework.path(field);
    assertThat(value.isNumber()).as("framework report field %s: %s", field, framework).isTrue();
    return value.asLong();
  }
}
