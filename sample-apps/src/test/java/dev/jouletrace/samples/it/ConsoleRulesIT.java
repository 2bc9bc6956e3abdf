package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.shapes.Dl4jEarlyStoppingShapes;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 9's console rule that no shape test covers: {@code console=false} is silent. */
class ConsoleRulesIT {

  @Test
  void consoleOffPrintsNothingButWarnings() throws Exception {
    ShapeRun shape =
        ShapeRun.run(
            ItSettings.fromSystemProperties(),
            "shape-console-off",
            Dl4jEarlyStoppingShapes.class,
            fork -> fork.agentArgs("console=false"),
            "--mode",
            "max-epochs",
            "--epochs",
            "2");
    // the run was measured and written; only the console is off
    assertThat(shape.onlyRun().path("epochs").size()).isEqualTo(shape.frameworkInt("total_epochs"));
    assertThat(shape.consoleLines())
        .as("[jouletrace] lines with console=false")
        .allMatch(line -> line.startsWith("[jouletrace] WARNING"));
    assertThat(shape.fork.stdoutLines()).noneMatch(line -> line.startsWith("[jouletrace]"));
  }

  /**
   * Most DL4J programs do not bring DL4J's parallel-wrapper module. Its unit then has nothing to
   * instrument and must say nothing (it once warned that this DL4J version "has no" the module's
   * classes, because its accessors read classes of DL4J's core, which are there). ShapeRun fails on
   * any warning.
   */
  @Test
  void dl4jWithoutItsParallelWrapperModuleGetsNoWarning() throws Exception {
    ItSettings settings = ItSettings.fromSystemProperties();
    String withoutParallelWrapper =
        Arrays.stream(settings.sampleClasspath().split(File.pathSeparator))
            .filter(entry -> !entry.contains("deeplearning4j-parallel-wrapper"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(withoutParallelWrapper).isNotEqualTo(settings.sampleClasspath());
    ShapeRun shape =
        ShapeRun.run(
            settings,
            "shape-no-parallel-wrapper",
            Dl4jEarlyStoppingShapes.class,
            fork -> fork.classpath(withoutParallelWrapper),
            "--mode",
            "max-epochs",
            "--epochs",
            "2");
    assertThat(shape.onlyRun().path("epochs").size()).isEqualTo(shape.frameworkInt("total_epochs"));
    assertThat(shape.consoleLines()).noneMatch(line -> line.contains("WARNING"));
  }
}
