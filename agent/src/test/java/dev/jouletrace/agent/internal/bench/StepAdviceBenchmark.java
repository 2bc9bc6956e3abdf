package dev.jouletrace.agent.internal.bench;

import com.acme.bench.MeasuredSteps;
import com.acme.bench.PlainSteps;
import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.instrumentation.ConfiguredTargets;
import dev.jouletrace.agent.internal.instrumentation.InstrumentationInstaller;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.ProgressReader;
import dev.jouletrace.agent.internal.lifecycle.RecordingSink;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.ScriptedProbe;
import dev.jouletrace.probe.EnergyMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Cost of the per-batch advice on the training thread: one call of a {@code step} target that the
 * real installer instrumented ({@code jouletrace.targets=com.acme.bench.MeasuredSteps#step:step}),
 * with the real {@link TrainingLifecycle} registered on the bridge and an epoch open, against the
 * same call left uninstrumented. The difference is what the advice adds on enter and exit (batch
 * count, model lookup, batch end); {@code gc.alloc.rate.norm} (B/op) shows whether it allocates.
 *
 * <p>Each measurement iteration runs inside one epoch of an open run (opened and closed through the
 * bridge in the iteration's set-up and tear-down, as a run and an epoch target would), so the epoch
 * boundaries, which read the meter, stay out of the per-call figure. Run by hand with {@code
 * benchmarks/advice-jmh.sh}; never part of {@code mvn verify}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StepAdviceBenchmark {
  private static final String FRAMEWORK = "bench";

  /**
   * The instrumented step's world: targets installed, lifecycle registered, a run open and, per
   * iteration, an epoch.
   */
  @State(Scope.Thread)
  public static class InOpenEpoch {
    MeasuredSteps measured;
    private RecordingSink sink;

    @Setup(Level.Trial)
    public void install() {
      List<String> problems = new ArrayList<>();
      TrainingInstrumentation targets =
          ConfiguredTargets.parse(
              MeasuredSteps.class.getName() + "#step:step", FRAMEWORK, problems::add);
      InstrumentationInstaller.install(
          ByteBuddyAgent.install(),
          List.of(targets),
          StepAdviceBenchmark.class.getClassLoader(),
          problems::add);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("targets not installed: " + problems);
      }
      sink = new RecordingSink();
      TrainingBridge.register(
          new TrainingLifecycle(
              new EnergyMeter(
                  List.of(new ScriptedProbe("cpu:estimate", EnergyMethod.ESTIMATED, 1.0))),
              sink,
              Map.of(
                  FRAMEWORK,
                  new FrameworkPolicy(
                      ProgressReader.NONE, FrameworkPolicy.EpochStart.AT_EPOCH_CALL)),
              (trainer, listeners, callbacks) -> listeners,
              false));
      measured = new MeasuredSteps();
      TrainingBridge.runEnter(FRAMEWORK, measured, -1);
    }

    @Setup(Level.Iteration)
    public void openEpoch() {
      TrainingBridge.epochEnter(FRAMEWORK, measured);
    }

    @TearDown(Level.Iteration)
    public void closeEpoch() {
      TrainingBridge.epochExit(measured, null);
    }

    @TearDown(Level.Trial)
    public void finish() {
      TrainingBridge.runExit(measured, null, null);
      TrainingBridge.register(null);
      // a figure measured on a step the advice did not reach must not be reported
      if (sink.epochs.isEmpty() || sink.epochs.get(0).batches() == 0) {
        throw new IllegalStateException("the step advice counted no batch: " + sink.events);
      }
    }
  }

  /** The same step in a JVM where nothing is installed. */
  @State(Scope.Thread)
  public static class Uninstrumented {
    PlainSteps plain = new PlainSteps();
  }

  /** A step target inside an open epoch: the advice's enter and exit around the step. */
  @Benchmark
  public long instrumentedStepInOpenEpoch(InOpenEpoch state) {
    return state.measured.step();
  }

  /** The same step, not instrumented. */
  @Benchmark
  public long plainStep(Uninstrumented state) {
    return state.plain.step();
  }

  /** Entry point: a short run (2 cores shared with other builds), with allocation profiling. */
  public static void main(String[] args) throws RunnerException {
    Options opts =
        new OptionsBuilder()
            .include(StepAdviceBenchmark.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler(GCProfiler.class)
            .build();
    new Runner(opts).run();
  }
}
