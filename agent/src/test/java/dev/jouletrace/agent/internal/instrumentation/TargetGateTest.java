package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy.EpochStart;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private final ClassFileTransformer changes = new Counting(() -> {}, bytes -> CHANGED);

  private byte[] load(String internalName) throws Exception {
    return gate.transform(null, null, internalName, null, null, new byte[0]);
  }

  /** A class loading on another thread while the gate is closed: it must still be waiting. */
  private CompletableFuture<byte[]> loadingWhileClosed(String internalName) throws Exception {
    CompletableFuture<byte[]> loading =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return load(internalName);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      loading.get(200, TimeUnit.MILLISECONDS);
      throw new AssertionError(internalName + " did not wait for the agent");
    } catch (TimeoutException expected) {
      return loading;
    }
  }

  @Test
  void classesThatAreNoTargetPassAtOnceEvenBeforeTheAgentIsReady() throws Exception {
    assertThat(load("org/other/Thing")).isNull();
    assertThat(load(null)).isNull();
  }

  @Test
  void aTargetLoadedBeforeTheAgentIsReadyWaitsForItAndIsThenTransformed() throws Exception {
    CompletableFuture<byte[]> loading = loadingWhileClosed("com/acme/Trainer");
    gate.open(changes);
    assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo(CHANGED);
    assertThat(gate.isTarget("com.acme.Trainer")).isTrue();
  }

  @Test
  void javaCppsLoaderWaitsForTheAgentAndIsNeverTransformed() throws Exception {
    // ND4J's native loading must not run while the agent loads libraries of its own
    // (TargetGate.HELD)
    CompletableFuture<byte[]> loading = loadingWhileClosed("org/bytedeco/javacpp/Loader");
    gate.open(changes);
    assertThat(loading.get(10, TimeUnit.SECONDS)).as("held back, not woven").isNull();
    assertThat(load("org/bytedeco/javacpp/Loader")).isNull();
    assertThat(gate.isTarget("org.bytedeco.javacpp.Loader")).isFalse();
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

  /**
   * A transformer that counts its calls and returns each input with one byte (42) appended, or what
   * {@code output} makes of it, after running {@code before}.
   */
  private static final class Counting implements ClassFileTransformer {
    final AtomicInteger calls = new AtomicInteger();
    private final Runnable before;
    private final UnaryOperator<byte[]> output;

    Counting() {
      this(() -> {});
    }

    Counting(Runnable before) {
      this(before, Counting::appended);
    }

    Counting(Runnable before, UnaryOperator<byte[]> output) {
      this.before = before;
      this.output = output;
    }

    private static byte[] appended(byte[] in) {
      byte[] out = Arrays.copyOf(in, in.length + 1);
      out[in.length] = 42;
      return out;
    }

    @Override
    public byte[] transform(
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classfileBuffer) {
      before.run();
      calls.incrementAndGet();
      return output.apply(classfileBuffer);
    }
  }

  private static final byte[] TRAINER_CLASS = {(byte) 0xCA, (byte) 0xFE, 7, 7};

  /** A class loader that has com/acme/Trainer.class (not com/acme/Model.class) as a resource. */
  private static URLClassLoader loaderWithTrainer(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("com/acme"));
    Files.write(dir.resolve("com/acme/Trainer.class"), TRAINER_CLASS);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  /** com.acme.Trainer loaded from {@code loader} through {@code g}. */
  private static byte[] loadTrainer(
      TargetGate g, ClassLoader loader, Class<?> redefined, byte[] classFile) {
    try {
      return g.transform(
          loader.getUnnamedModule(), loader, "com/acme/Trainer", redefined, null, classFile);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads com.acme.Trainer from {@code loader} through the gate on another thread. */
  private CompletableFuture<byte[]> loadTrainerAsync(ClassLoader loader) {
    return CompletableFuture.supplyAsync(() -> loadTrainer(gate, loader, null, TRAINER_CLASS));
  }

  @Test
  void aTargetWovenAheadTakesThatResultWhenItLoadsWithTheSameClassFile(@TempDir Path dir)
      throws Exception {
    Counting weaving = new Counting();
    gate.open(weaving);
    try (URLClassLoader loader = loaderWithTrainer(dir)) {
      List<String> both = List.of("com.acme.Trainer", "com.acme.Model", "com.acme.NoTarget");
      assertThat(gate.weaveAhead(weaving, loader, both, 10_000))
          .as("only the target whose class file the loader has")
          .isEqualTo(1);
      assertThat(weaving.calls).hasValue(1);

      byte[] woven = loadTrainer(gate, loader, null, TRAINER_CLASS.clone());
      assertThat(woven).endsWith(42).hasSize(TRAINER_CLASS.length + 1);
      assertThat(weaving.calls).as("taken, not woven again").hasValue(1);

      loadTrainer(gate, loader, null, TRAINER_CLASS);
      assertThat(weaving.calls).as("a second load of it is woven as it comes").hasValue(2);
      assertThat(gate.weaveAhead(weaving, loader, both, 10_000))
          .as("a class that has loaded is not woven ahead again")
          .isZero();
    }
  }

  @Test
  void aLoadThatDiffersFromWhatWasWovenAheadIsWovenAsItComes(@TempDir Path dir) throws Exception {
    Counting weaving = new Counting();
    gate.open(weaving);
    try (URLClassLoader loader = loaderWithTrainer(dir);
        URLClassLoader other = new URLClassLoader(new URL[0], null)) {
      gate.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), 10_000);
      byte[] changedByAnotherAgent = {(byte) 0xCA, (byte) 0xFE, 7, 8};
      assertThat(loadTrainer(gate, loader, null, changedByAnotherAgent))
          .as("other bytes (another agent changed them first)")
          .startsWith(changedByAnotherAgent);
      assertThat(weaving.calls).hasValue(2);

      gate.forgetAhead();
      TargetGate fresh = TargetGate.of(UNITS);
      fresh.open(weaving);
      fresh.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), 10_000);
      loadTrainer(fresh, other, null, TRAINER_CLASS);
      assertThat(weaving.calls).as("another class loader").hasValue(4);

      TargetGate retransforming = TargetGate.of(UNITS);
      retransforming.open(weaving);
      retransforming.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), 10_000);
      loadTrainer(retransforming, loader, Object.class, TRAINER_CLASS);
      assertThat(weaving.calls).as("a retransformation").hasValue(6);
    }
  }

  @Test
  void nothingIsWovenAheadOnceItsTimeIsUpOrWhenTheAgentFailedToStart(@TempDir Path dir)
      throws Exception {
    Counting weaving = new Counting();
    try (URLClassLoader loader = loaderWithTrainer(dir)) {
      assertThat(gate.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), -1)).isZero();
      gate.fail();
      assertThat(gate.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), 10_000)).isZero();
      assertThat(weaving.calls).hasValue(0);
    }
  }

  @Test
  void aTargetWovenAheadBeforeTheGateOpensWaitsForItToOpen(@TempDir Path dir) throws Exception {
    Counting weaving = new Counting();
    try (URLClassLoader loader = loaderWithTrainer(dir)) {
      assertThat(gate.weaveAhead(weaving, loader, List.of("com.acme.Trainer"), 10_000)).isOne();
      CompletableFuture<byte[]> loading = loadTrainerAsync(loader);
      Thread.sleep(200);
      assertThat(loading).as("the agent is not ready yet").isNotDone();
      gate.open(weaving);
      assertThat(loading.get(10, TimeUnit.SECONDS)).endsWith(42);
      assertThat(weaving.calls).hasValue(1);
    }
  }

  @Test
  void aLoadWaitsForTheWeavingAheadThatIsUnderWayRatherThanWeavingTwice(@TempDir Path dir)
      throws Exception {
    CountDownLatch weavingStarted = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Counting slow =
        new Counting(
            () -> {
              if (weavingStarted.getCount() > 0) {
                weavingStarted.countDown();
                try {
                  finish.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    gate.open(slow);
    try (URLClassLoader loader = loaderWithTrainer(dir)) {
      CompletableFuture<Integer> ahead =
          CompletableFuture.supplyAsync(
              () -> gate.weaveAhead(slow, loader, List.of("com.acme.Trainer"), 10_000));
      assertThat(weavingStarted.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<byte[]> loading = loadTrainerAsync(loader);
      Thread.sleep(200);
      assertThat(loading).as("waits for the weaving under way").isNotDone();
      finish.countDown();
      assertThat(loading.get(10, TimeUnit.SECONDS)).endsWith(42);
      assertThat(ahead.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(slow.calls).as("woven once").hasValue(1);
    }
  }

  @Test
  void anAgentThatFailedToStartLetsTargetsLoadUntouched() throws Exception {
    gate.fail();
    assertThat(load("com/acme/Trainer")).isNull();
  }
}
