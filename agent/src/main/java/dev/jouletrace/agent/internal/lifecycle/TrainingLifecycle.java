package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.agent.bootstrap.TrainingEvents;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.MeterReading;
import java.time.Duration;
import java.util.Map;

/**
 * Turns advice events into runs and epochs, per model: finds the {@link ModelTraining} of the model
 * an event is about (kept per model object, weakly) and lets it change its state; at a boundary the
 * meter is read once and the epoch's record handed to the {@link RunSink}; per batch nothing but
 * counting happens. Every entry point swallows its own failures: the training never sees one.
 */
public final class TrainingLifecycle implements TrainingEvents {
  private final Map<String, FrameworkPolicy> policies;
  private final LifecycleContext context;
  private final ModelRegistry<ModelTraining> models;

  /** The executor task window open on each thread (a Spark task's worker function). */
  private final ThreadLocal<TaskWindow> openTask = new ThreadLocal<>();

  private volatile ClusterLink cluster = ClusterLink.NONE;

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
    this.context =
        new LifecycleContext(
            meter,
            new SharedEnergy(meter, threadCpu),
            sink,
            listenerInjector,
            attachedLate,
            idleTimeout.toNanos());
    this.models = new ModelRegistry<>(this::newModel, TrainingLifecycle::collected);
  }

  /** Splits epochs at clock hours for hourly intensity series; without it, one slice each. */
  /**
   * Runs belong to trace {@code traceIdHex} (a launcher's span the exporter resolved), or, when
   * null, to what {@code TRACEPARENT} gave or a new trace each.
   */
  public void runsInTrace(String traceIdHex) {
    SpanIdSource.useParentTrace(traceIdHex);
  }

  public void splitAtHours(HourMarks marks) {
    context.hourMarks = marks;
  }

  /** Which batches to measure on their own; off unless configured. */
  public void measureBatches(BatchSpans which) {
    context.batchSpans = which;
  }

  /**
   * How long a window of minibatch fits may last before it is cut into an epoch when its data never
   * comes round again; zero never cuts by time.
   */
  public void windowTime(Duration window) {
    context.windowNanos = window.toNanos();
  }

  /** How a distributed training's driver and executors reach each other (Spark). */
  public void clusterLink(ClusterLink link) {
    cluster = link;
  }

  private ModelTraining newModel(String framework, Object model) {
    ModelTraining m =
        new ModelTraining(
            framework, model, policies.getOrDefault(framework, FrameworkPolicy.DEFAULT), context);
    TaskWindow task = openTask.get();
    if (task != null) {
      // a network a Spark worker made for this task: its batches are the task's
      m.trainsFor(task);
    }
    return m;
  }

  private static void collected(ModelTraining m) {
    try {
      m.collected();
    } catch (Throwable t) {
      AgentLog.internalError("collected model", t);
    }
  }

  @Override
  public boolean runEnter(String framework, Object model, int plannedEpochs) {
    try {
      return models.get(framework, model).runEnter(plannedEpochs);
    } catch (Throwable t) {
      AgentLog.internalError("run start", t);
      return false;
    }
  }

  @Override
  public void runExit(Object model, Object result, Throwable thrown) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.runExit(result, thrown);
      }
    } catch (Throwable t) {
      AgentLog.internalError("run end", t);
    }
  }

  @Override
  public boolean epochEnter(String framework, Object model) {
    try {
      return models.get(framework, model).epochEnter(model);
    } catch (Throwable t) {
      AgentLog.internalError("epoch start", t);
      return false;
    }
  }

  @Override
  public void epochExit(Object model, Throwable thrown) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.epochExit(model, thrown);
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch end", t);
    }
  }

  @Override
  public void epochCounted(String framework, Object model) {
    try {
      models.get(framework, model).epochCounted(model);
    } catch (Throwable t) {
      AgentLog.internalError("epoch count", t);
    }
  }

  @Override
  public void batch(String framework, Object model) {
    try {
      models.get(framework, model).batch(model);
    } catch (Throwable t) {
      AgentLog.internalError("batch", t);
    }
  }

  @Override
  public void batchEnd(Object model, Object batch) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.batchEnd(model, batch);
      }
    } catch (Throwable t) {
      AgentLog.internalError("batch end", t);
    }
  }

  @Override
  public void step(String framework, Object model) {
    try {
      models.get(framework, model).step(model);
    } catch (Throwable t) {
      AgentLog.internalError("step", t);
    }
  }

  @Override
  public void workerBatch(String framework, Object model, Object replica, Object data) {
    try {
      ModelTraining original = models.get(framework, model);
      if (replica != null && replica != model) {
        models.get(framework, replica).markReplica();
      }
      original.workerBatch(data == null ? -1 : original.dataRows(data));
    } catch (Throwable t) {
      AgentLog.internalError("worker batch", t);
    }
  }

  @Override
  public boolean earlyStoppingRunEnter(String framework, Object model, Object trainer) {
    try {
      ModelTraining m = models.get(framework, model);
      return m.runEnter(m.plannedEpochsOf(trainer), true);
    } catch (Throwable t) {
      AgentLog.internalError("early-stopping run start", t);
      return false;
    }
  }

  @Override
  public void validationScored(Object model, Object calculator, double score, Throwable thrown) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.validationScored(calculator, score, thrown);
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation score", t);
    }
  }

  @Override
  public void iterationStarted(String framework, Object model, Object listener, Object data) {
    try {
      models.get(framework, model).iterationStarted(model, listener, data);
    } catch (Throwable t) {
      AgentLog.internalError("iteration", t);
    }
  }

  @Override
  public void epochExitWith(Object model, Object summary) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.epochExitWith(model, summary);
      }
    } catch (Throwable t) {
      AgentLog.internalError("epoch end", t);
    }
  }

  @Override
  public boolean dataFitEnter(String framework, Object model, Object data) {
    try {
      return models.get(framework, model).dataFitEnter(model, data);
    } catch (Throwable t) {
      AgentLog.internalError("minibatch fit", t);
      return false;
    }
  }

  @Override
  public void dataFitExit(Object model, Throwable thrown) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.dataFitExit();
      }
    } catch (Throwable t) {
      AgentLog.internalError("minibatch fit end", t);
    }
  }

  @Override
  public boolean validationEnter(String framework, Object model) {
    try {
      return models.get(framework, model).validationEnter();
    } catch (Throwable t) {
      AgentLog.internalError("validation start", t);
      return false;
    }
  }

  @Override
  public void validationExit(Object model, Throwable thrown) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.validationExit(thrown);
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation end", t);
    }
  }

  @Override
  public void validationBatch(String framework, Object model) {
    try {
      models.get(framework, model).validationBatch();
    } catch (Throwable t) {
      AgentLog.internalError("validation batch", t);
    }
  }

  @Override
  public Object trainerCreated(Object trainer, Object listeners) {
    try {
      return models.get("djl", trainer).trainerCreated(trainer, listeners);
    } catch (Throwable t) {
      AgentLog.internalError("DJL trainer set-up", t);
      return listeners;
    }
  }

  @Override
  public void listenersNotified(Object trainer, Throwable thrown) {
    try {
      // called for every dispatch, once per batch too: the cached lookup allocates nothing
      ModelTraining m = models.find(trainer);
      if (m != null) {
        m.listenersNotified(trainer, thrown);
      }
    } catch (Throwable t) {
      AgentLog.internalError("DJL epoch end", t);
    }
  }

  @Override
  public void trainingEnded(Object model) {
    try {
      ModelTraining m = models.find(model);
      if (m != null) {
        m.lifetimeEnded();
      }
    } catch (Throwable t) {
      AgentLog.internalError("training end", t);
    }
  }

  /**
   * Ends runs without an end call whose model has had no batch for longer than the idle timeout
   * (the run ends at its last epoch's end), and runs whose model was garbage collected. Called
   * periodically from a background thread.
   */
  public void sweep() {
    try {
      long now = System.nanoTime();
      for (ModelTraining m : models.all()) {
        m.endIfIdle(now);
      }
    } catch (Throwable t) {
      AgentLog.internalError("idle check", t);
    }
  }

  /**
   * At JVM exit: epochs still open end as interrupted, and so do their runs and open run calls;
   * runs without an end call (user loops, trainers never closed) between epochs end normally, at
   * the end of their last epoch.
   */
  public void closeAll() {
    for (ModelTraining m : models.all()) {
      try {
        m.closeAtExit();
      } catch (Throwable t) {
        AgentLog.internalError("shutdown", t);
      }
    }
  }

  // ---- a cluster's driver and executors (Spark; docs/FRAMEWORKS.md §18)

  @Override
  public boolean clusterEpochEnter(String framework, Object model, Object clusterHandle) {
    boolean opened;
    ModelTraining m;
    try {
      m = models.get(framework, model);
      opened = m.epochEnter(model);
    } catch (Throwable t) {
      AgentLog.internalError("distributed epoch start", t);
      return false;
    }
    if (opened) {
      try {
        ClusterLink.EpochIds ids = m.openEpochIds();
        if (ids != null && clusterHandle != null) {
          cluster.epochOpened(clusterHandle, ids);
        }
      } catch (Throwable t) {
        AgentLog.internalError("distributed epoch publication", t);
      }
    }
    return opened;
  }

  @Override
  public void clusterEpochExit(Object model, Object clusterHandle, Throwable thrown) {
    try {
      if (clusterHandle != null) {
        cluster.epochClosed(clusterHandle);
      }
    } catch (Throwable t) {
      AgentLog.internalError("distributed epoch withdrawal", t);
    }
    epochExit(model, thrown);
  }

  @Override
  public Object clusterTaskEnter(String framework, Object worker) {
    try {
      if (openTask.get() != null) {
        return null; // a worker function calling another (DL4J's path flat maps)
      }
      ClusterTask task = cluster.taskOpened(worker);
      if (task == null) {
        return null;
      }
      TaskWindow window = new TaskWindow(task, context.sharedEnergy.openEpoch(null));
      openTask.set(window);
      return window;
    } catch (Throwable t) {
      AgentLog.internalError("executor task start", t);
      return null;
    }
  }

  @Override
  public void clusterTaskExit(Object token, Throwable thrown) {
    if (!(token instanceof TaskWindow)) {
      return;
    }
    TaskWindow window = (TaskWindow) token;
    try {
      openTask.remove();
      MeterReading end = context.sharedEnergy.closeEpoch(window.share, null);
      ClusterTask task = window.task;
      ExecutorTask record =
          new ExecutorTask(
              task.executorId,
              task.host,
              task.identity,
              window.share.start.time(),
              end.time(),
              EndStatus.ofWindow(thrown),
              context.meter.window(window.share.start, end, window.share.processJoules),
              window.batches,
              window.samples,
              task.driver);
      // before the task ends: Spark sends the figures back with the task's result
      cluster.taskClosed(task, ExecutorFigures.encode(record));
      context.sink.taskMeasured(record);
    } catch (Throwable t) {
      AgentLog.internalError("executor task end", t);
    }
  }
}
