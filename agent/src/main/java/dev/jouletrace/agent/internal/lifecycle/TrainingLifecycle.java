package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.bootstrap.TrainingEvents;
import dev.jouletrace.agent.internal.lifecycle.ModelState.RunKind;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import java.time.Duration;
import java.util.Map;

/**
 * Turns advice events into runs and epochs, per model. At a boundary it reads the meter once,
 * changes state and hands the measurement to the {@link RunSink}; per batch it only counts. Every
 * entry point swallows its own failures.
 *
 * <p>A run is a run-level call ({@link RunKind#CALL}); else a DJL trainer's lifetime ({@link
 * RunKind#LIFETIME}); else the epochs of a model with no run call ({@link RunKind#IMPLICIT}), which
 * ends at the model's next run call, when the model is idle longer than the idle timeout, when it
 * is garbage collected, or at JVM exit. Epochs of a run are indexed from 0 without gaps.
 *
 * <p>This class only wires the parts together and delegates: {@link RunAndEpochCalls}, {@link
 * BatchTracker}, {@link ValidationWindows}, {@link DjlTrainerEvents} and {@link EndsWithoutEvent}
 * hear the events; {@link RunTransitions} and {@link EpochCloser} change the state.
 */
public final class TrainingLifecycle implements TrainingEvents {
  private final Map<String, FrameworkPolicy> policies;
  private final ModelRegistry<ModelState> models;
  private final EpochCloser epochCloser;
  private final RunAndEpochCalls runsAndEpochs;
  private final BatchTracker batches;
  private final ValidationWindows validations;
  private final DjlTrainerEvents djl;
  private final EndsWithoutEvent endsWithoutEvent;

  public TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate) {
    this(meter, sink, policies, listenerInjector, attachedLate, Duration.ZERO);
  }

  /**
   * @param policies per framework name; unknown frameworks get no progress figures
   * @param attachedLate whether the agent was loaded into a JVM already running: runs first seen
   *     through an epoch are then marked as picked up late
   * @param idleTimeout how long a run without an end call (implicit, trainer lifetime) may go
   *     without a batch before {@link #sweep} ends it; zero for never
   */
  public TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate,
      Duration idleTimeout) {
    this(
        meter,
        sink,
        policies,
        listenerInjector,
        attachedLate,
        idleTimeout,
        SharedEnergy.ThreadCpuClock.jvm());
  }

  TrainingLifecycle(
      EnergyMeter meter,
      RunSink sink,
      Map<String, FrameworkPolicy> policies,
      ListenerInjector listenerInjector,
      boolean attachedLate,
      Duration idleTimeout,
      SharedEnergy.ThreadCpuClock threadCpu) {
    this.policies = Map.copyOf(policies);
    this.models = new ModelRegistry<>(this::newState, this::collected);
    SharedEnergy sharedEnergy = new SharedEnergy(meter, threadCpu);
    this.epochCloser = new EpochCloser(meter, sharedEnergy, sink);
    RunTransitions transitions = new RunTransitions(sharedEnergy, epochCloser, sink, attachedLate);
    this.runsAndEpochs = new RunAndEpochCalls(models, transitions, attachedLate);
    this.batches = new BatchTracker(models, meter, transitions, attachedLate);
    this.validations = new ValidationWindows(models, meter);
    this.djl = new DjlTrainerEvents(models, meter, listenerInjector, transitions);
    this.endsWithoutEvent = new EndsWithoutEvent(models, transitions, idleTimeout.toNanos());
  }

  /** Splits epochs at clock hours for hourly intensity series; without it, one slice each. */
  public void splitAtHours(HourMarks marks) {
    epochCloser.splitAtHours(marks);
  }

  /** Which batches to measure on their own; off unless configured. */
  public void measureBatches(BatchSpans which) {
    batches.measure(which);
  }

  private ModelState newState(String framework, Object model) {
    return new ModelState(
        framework, model, policies.getOrDefault(framework, FrameworkPolicy.DEFAULT));
  }

  /** Reached from the registry, which is made before the parts it hands collected states to. */
  private void collected(ModelState s) {
    endsWithoutEvent.collected(s);
  }

  @Override
  public boolean runEnter(String framework, Object model, int plannedEpochs) {
    return runsAndEpochs.runEnter(framework, model, plannedEpochs);
  }

  @Override
  public void runExit(Object model, Object result, Throwable thrown) {
    runsAndEpochs.runExit(model, result, thrown);
  }

  @Override
  public boolean epochEnter(String framework, Object model) {
    return runsAndEpochs.epochEnter(framework, model);
  }

  @Override
  public void epochExit(Object model, Throwable thrown) {
    runsAndEpochs.epochExit(model, thrown);
  }

  @Override
  public void epochCounted(String framework, Object model) {
    runsAndEpochs.epochCounted(framework, model);
  }

  @Override
  public void batch(String framework, Object model) {
    batches.batch(framework, model);
  }

  @Override
  public void batchEnd(Object model, Object batch) {
    batches.batchEnd(model, batch);
  }

  @Override
  public void step(String framework, Object model) {
    batches.step(framework, model);
  }

  @Override
  public void workerBatch(String framework, Object model) {
    batches.workerBatch(framework, model);
  }

  @Override
  public boolean validationEnter(String framework, Object model) {
    return validations.validationEnter(framework, model);
  }

  @Override
  public void validationExit(Object model, Throwable thrown) {
    validations.validationExit(model, thrown);
  }

  @Override
  public void validationBatch(String framework, Object model) {
    validations.validationBatch(framework, model);
  }

  @Override
  public Object trainerCreated(Object trainer, Object listeners) {
    return djl.trainerCreated(trainer, listeners);
  }

  @Override
  public void listenersNotified(Object trainer, Throwable thrown) {
    djl.listenersNotified(trainer, thrown);
  }

  @Override
  public void trainingEnded(Object model) {
    djl.trainingEnded(model);
  }

  /**
   * Ends runs without an end call whose model has had no batch for longer than the idle timeout
   * (the run ends at its last epoch's end), and runs whose model was garbage collected. Called
   * periodically from a background thread.
   */
  public void sweep() {
    endsWithoutEvent.sweep();
  }

  /**
   * At JVM exit: epochs still open end as interrupted, and so do their runs and open run calls;
   * runs without an end call (user loops, trainers never closed) between epochs end normally, at
   * the end of their last epoch.
   */
  public void closeAll() {
    endsWithoutEvent.closeAll();
  }
}
