package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassesInUseTest {
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private static final String SAME_DIFF = "org.nd4j.autodiff.samediff.SameDiff";
  private static final String SOLVER = "org.deeplearning4j.optimize.Solver";
  private static final String WRAPPER = "org.deeplearning4j.parallelism.ParallelWrapper";

  private static List<String> named(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  @Test
  void aNetworkBeingConfiguredMakesTheNetworkClassesNearlyUsed() {
    List<String> loaded = new ArrayList<>(named("org.deeplearning4j.nn.conf.Conf", 5));
    loaded.addAll(named("org.deeplearning4j.nn.api.Api", 3));
    loaded.add("org.nd4j.autodiff.functions.DifferentialFunction");
    loaded.add("org.deeplearning4j.optimize.api.TrainingListener");
    ClassesInUse inUse = ClassesInUse.of(loaded);

    assertThat(inUse.nearlyUsed(MLN)).isTrue();
    assertThat(inUse.nearlyUsed(SOLVER)).as("a class below its own package").isTrue();
    assertThat(inUse.nearlyUsed(SAME_DIFF))
        .as("one ND4J class beside SameDiff's package, which every ND4J program loads")
        .isFalse();
    assertThat(inUse.nearlyUsed(WRAPPER))
        .as("nothing of org.deeplearning4j.parallelism, however much else of DL4J")
        .isFalse();
  }

  @Test
  void tooFewNeighboursOrNoneAreNotUse() {
    ClassesInUse few =
        ClassesInUse.of(named("org.deeplearning4j.nn.conf.Conf", ClassesInUse.NEIGHBOURS - 1));
    assertThat(few.nearlyUsed(MLN)).isFalse();
    assertThat(ClassesInUse.of(List.of()).nearlyUsed(MLN)).isFalse();
    assertThat(ClassesInUse.of(named("org.deeplearning4j.nnx.Other", 8)).nearlyUsed(MLN))
        .as("a package whose name only begins like the network's parent")
        .isFalse();
    assertThat(
            ClassesInUse.of(named("org.nd4j.autodiff.samediff.internal.X", 8))
                .nearlyUsed(SAME_DIFF))
        .isTrue();
  }
}
