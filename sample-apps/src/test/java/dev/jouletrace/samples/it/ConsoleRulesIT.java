package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.shapes.Dl4jEarlyStoppingShapes;
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
}
