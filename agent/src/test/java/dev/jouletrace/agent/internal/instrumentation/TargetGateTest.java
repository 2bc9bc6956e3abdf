package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TargetGateTest {
  private static final byte[] CHANGED = {1, 2, 3};
  private static final List<TrainingInstrumentation> UNITS =
      List.of(
          new TrainingInstrumentation(
              "t",
              "custom",
              List.of(
                  Target.ofRole("com.acme.Trainer", "epoch", Role.EPOCH, null),
                  Target.ofRole("com.acme.Model", "fit", Role.EPOCH, null)),
              List.of(),
              new FrameworkPolicy(ProgressReader.NONE, EpochStart.AT_EPOCH_CALL),
              TrainingInstrumentation.Checking.EACH_CLASS));
  private final TargetGate gate = TargetGate.of(UNITS);
  private final ClassFileTransformer changes =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            ClassLoader loader,
            String className,
            Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain,
            byte[] classfileBuffer) {
          return CHANGED;
        }
      };

  private byte[] load(String internalName) throws Exception {
    return gate.transform(null, null, internalName, null, null, new byte[0]);
  }

  @Test
  void classesThatAreNoTargetPassAtOnceEvenBeforeTheAgentIsReady() throws Exception {
    assertThat(load("org/other/Thing")).isNull();
    assertThat(load(null)).isNull();
  }

  @Test
  void aTargetLoadedBeforeTheAgentIsReadyWaitsForItAndIsThenTransformed() throws Exception {
    CompletableFuture<byte[]> loading =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return load("com/acme/Trainer");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      loading.get(200, TimeUnit.MILLISECONDS);
      throw new AssertionError("the target did not wait for the agent");
    } catch (TimeoutException expected) {
      // still waiting, as it should
    }
    gate.open(changes);
    assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo(CHANGED);
    assertThat(gate.isTarget("com.acme.Trainer")).isTrue();
  }

  @Test
  void anAgentThatNeverGetsReadyCostsOneWaitForAllTargetsNotOneEach() throws Exception {
    TargetGate slow = TargetGate.of(UNITS, 2000);
    long started = System.nanoTime();
    assertThat(slow.transform(null, null, "com/acme/Trainer", null, null, new byte[0])).isNull();
    long first = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(first).as("the first target waits the whole bound").isGreaterThanOrEqualTo(2000);

    CompletableFuture<byte[]> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return slow.transform(null, null, "com/acme/Model", null, null, new byte[0]);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // a second wait of 2 s would not finish within the 1.5 s allowed here
    assertThat(second.get(1500, TimeUnit.MILLISECONDS))
        .as("the next target waits no more")
        .isNull();

    slow.open(changes);
    assertThat(slow.transform(null, null, "com/acme/Model", null, null, new byte[0]))
        .as("a target loaded once the agent is ready after all is transformed")
        .isEqualTo(CHANGED);
  }

  @Test
  void anAgentThatFailedToStartLetsTargetsLoadUntouched() throws Exception {
    gate.fail();
    assertThat(load("com/acme/Trainer")).isNull();
  }
}
