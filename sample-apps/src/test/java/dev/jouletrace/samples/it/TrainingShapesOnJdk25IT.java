package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.dl4j.Dl4jMlp;
import org.junit.jupiter.api.Test;

/** Every training shape again, the forks on JDK 25. */
class TrainingShapesOnJdk25IT extends TrainingShapesIT {

  @Override
  ForkedJvm onJdk(ForkedJvm fork) {
    return OtherJdk.on(fork);
  }

  @Test
  void theAgentItselfPrintsNoJdkWarnings() throws Exception {
    ShapeTrace trace =
        ShapeTrace.run(
            ItSettings.fromSystemProperties(), Dl4jMlp.class, "fit-epochs", 1, 1, 1, OtherJdk::on);
    // Byte Buddy's Unsafe use would be reported by JDK 24+ (JEP 498); the agent runs it safe
    assertThat(trace.fork.stderrLines()).noneMatch(line -> line.contains("net.bytebuddy"));
    assertThat(trace.fork.stderrLines()).anyMatch(line -> line.contains("dl4j run 1 completed"));
  }
}
