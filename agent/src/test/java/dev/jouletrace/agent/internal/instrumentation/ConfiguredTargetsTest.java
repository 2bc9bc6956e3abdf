package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredTargetsTest {
  private final List<String> problems = new ArrayList<>();

  @Test
  void readsEntriesWithAndWithoutParameterTypes() {
    TrainingInstrumentation unit =
        ConfiguredTargets.parse(
            "com.acme.Trainer#trainAll:run, com.acme.Trainer#oneEpoch(int,java.util.List):epoch,"
                + "com.acme.Trainer$Inner#step():step,com.acme.Trainer#check(float[]):validation",
            "acme",
            problems::add);

    assertThat(problems).isEmpty();
    assertThat(unit.name()).isEqualTo("targets");
    assertThat(unit.framework()).isEqualTo("acme");
    assertThat(unit.targets())
        .extracting(Target::toString)
        .containsExactly(
            "com.acme.Trainer#trainAll -> run",
            "com.acme.Trainer#oneEpoch(int,java.util.List) -> epoch",
            "com.acme.Trainer$Inner#step() -> step",
            "com.acme.Trainer#check(float[]) -> validation");
    assertThat(unit.targets().get(0).parameterTypes()).isNull();
    assertThat(unit.targets().get(2).parameterTypes()).isEmpty();
  }

  @Test
  void aWrongEntryIsReportedOnceAndTheOthersStillApply() {
    TrainingInstrumentation unit =
        ConfiguredTargets.parse(
            "com.acme.Trainer#trainAll:sprint,noHash:run,com.acme.T#<init>:run,"
                + "com.acme.Trainer#oneEpoch:epoch",
            "custom",
            problems::add);

    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains("'com.acme.Trainer#trainAll:sprint'");
    assertThat(unit.targets()).extracting(Target::methodName).containsExactly("oneEpoch");
  }

  @Test
  void nothingUsableGivesNoInstrumentation() {
    assertThat(ConfiguredTargets.parse(null, "custom", problems::add)).isNull();
    assertThat(ConfiguredTargets.parse("x", "custom", problems::add)).isNull();
    assertThat(problems).hasSize(1);
  }
}
