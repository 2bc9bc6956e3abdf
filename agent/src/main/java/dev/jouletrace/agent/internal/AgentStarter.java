package dev.jouletrace.agent.internal;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.agent.internal.instrumentation.ClassesInUse;
import dev.jouletrace.agent.internal.instrumentation.ConfiguredTargets;
import dev.jouletrace.agent.internal.instrumentation.InstrumentationInstaller;
import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.TargetGate;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.djl.DjlListenerInjector;
import dev.jouletrace.agent.internal.instrumentation.spark.SparkInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.spark.SparkLink;
import dev.jouletrace.agent.internal.lifecycle.BatchSpans;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import dev.jouletrace.agent.internal.meter.PowerSampler;
import dev.jouletrace.agent.internal.meter.SampledPower;
import dev.jouletrace.agent.internal.pipeline.Outputs;
import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.Probes;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the agent inside its isolated class loader. On the thread that calls premain it only reads
 * the configuration and puts a {@link TargetGate} in front of the JVM's class loading (a name
 * lookup per class); everything else (Byte Buddy, the probes, the outputs, the lifecycle) is
 * started on a background thread, and the gate holds back the training's classes until it is ready,
 * so nothing is measured half-started. Called reflectively by the bootstrap entry point; never
 * throws.
 */
public final class AgentStarter {
  private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

  private AgentStarter() {}

  public static void start(
      String agentArgs, Instrumentation inst, boolean attachedLate, ClassLoader agentLoader) {
    long started = System.nanoTime();
    try {
      AgentConfig config = AgentConfig.load(agentArgs);
      AgentLog.setDebug(config.get(ConfigKeys.DEBUG));
      config.problems().forEach(AgentLog::warn);
      if (!config.get(ConfigKeys.ENABLED)) {
        AgentLog.info("disabled by jouletrace.enabled=false; the training runs untouched");
        return;
      }
      List<TrainingInstrumentation> units = enabledUnits(config);
      config.problems().forEach(AgentLog::warn);
      TargetGate gate = TargetGate.of(units);
      // retransformation is needed only for classes loaded before a late attach
      inst.addTransformer(gate, attachedLate);
      Thread init =
          new Thread(
              () -> initialise(config, units, gate, inst, attachedLate, agentLoader),
              "jouletrace-init");
      init.setDaemon(true);
      init.setContextClassLoader(agentLoader);
      init.start();
      AgentLog.debug(
          "premain returned after "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
              + " ms; the rest starts in the background");
    } catch (Throwable t) {
      TrainingBridge.register(null);
      AgentLog.info("could not start; the training runs without it: " + t);
      if (AgentLog.debugEnabled()) {
        t.printStackTrace();
      }
    }
  }

  /** The background part of the start; opens the gate when the agent is ready. */
  private static void initialise(
      AgentConfig config,
      List<TrainingInstrumentation> units,
      TargetGate gate,
      Instrumentation inst,
      boolean attachedLate,
      ClassLoader agentLoader) {
    long started = System.nanoTime();
    try {
      InstrumentationInstaller.Prepared woven =
          transformerQuietly(units, agentLoader, Settings.weaveCacheDir(config, System.getenv()));
      long instrumentationReady = System.nanoTime();
      if (!attachedLate) {
        weaveAheadInBackground(woven, gate, inst);
      }
      DiscoveredProbes probes = Probes.discover(Settings.probes(config));
      long probesReady = System.nanoTime();
      EnergyMeter meter = new EnergyMeter(probes.probes());
      HourMarks hourMarks = new HourMarks();
      Outputs outputs = Outputs.start(config, probes, meter);
      long outputsReady = System.nanoTime();
      Duration samplePeriod = Duration.ofMillis(config.get(ConfigKeys.SAMPLER_INTERVAL_MS));
      boolean metrics = outputs.metricsActive();
      SampledPower power =
          outputs.powerSeries() == null ? null : new SampledPower(outputs.powerSeries());
      PowerSampler sampler =
          new PowerSampler(
              probes.probes(),
              samplePeriod,
              AgentLog::warn,
              () -> {
                Instant now = Instant.now();
                hourMarks.tick(meter, now);
                if (metrics) {
                  // what the metric reader reports is at most one sampler period old
                  meter.refresh(now, samplePeriod);
                }
                if (power != null) {
                  power.tick(meter, now);
                }
              });
      Duration idleTimeout =
          Duration.ofMillis(Math.round(config.get(ConfigKeys.RUN_IDLE_TIMEOUT_S) * 1000));
      TrainingLifecycle lifecycle =
          new TrainingLifecycle(
              meter,
              outputs.pipeline(),
              policies(units),
              new DjlListenerInjector(),
              attachedLate,
              idleTimeout);
      lifecycle.measureBatches(BatchSpans.of(config.get(ConfigKeys.BATCH_SPANS)));
      lifecycle.windowTime(
          Duration.ofMillis(Math.round(config.get(ConfigKeys.RUN_WINDOW_S) * 1000)));
      lifecycle.splitAtHours(hourMarks);
      lifecycle.runsInTrace(outputs.runParentTraceId());
      // DL4J on Spark: driver and executors reach each other through Spark's own channels
      SparkLink spark = new SparkLink();
      lifecycle.clusterLink(spark);
      outputs.pipeline().receiveExecutorFigures(spark, SparkInstrumentation.FRAMEWORK);
      sampler.start();
      ScheduledExecutorService sweeper = startSweeper(lifecycle, idleTimeout);
      TrainingBridge.register(lifecycle);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> shutdown(lifecycle, sweeper, outputs, sampler, meter),
                  "jouletrace-shutdown"));
      // the banner comes before the first instrumented class can run
      outputs.announce(probes, meter.domains(), attachedLate);
      gate.open(woven.transformer());
      if (attachedLate) {
        gate.retransformLoaded(inst);
      }
      long opened = System.nanoTime();
      sweeper.schedule(gate::forgetAhead, 2, TimeUnit.MINUTES);
      AgentLog.debug(
          "ready after "
              + millisSince(started)
              + " ms in the background (instrumentation "
              + TimeUnit.NANOSECONDS.toMillis(instrumentationReady - started)
              + " ms, probes "
              + TimeUnit.NANOSECONDS.toMillis(probesReady - instrumentationReady)
              + " ms, outputs "
              + TimeUnit.NANOSECONDS.toMillis(outputsReady - probesReady)
              + " ms, the rest "
              + TimeUnit.NANOSECONDS.toMillis(opened - outputsReady)
              + " ms)");
    } catch (Throwable t) {
      gate.fail();
      TrainingBridge.register(null);
      AgentLog.info("could not start; the training runs without it: " + t);
      if (AgentLog.debugEnabled()) {
        t.printStackTrace();
      }
    }
  }

  /**
   * On a thread of its own, so that the agent's start does not wait for it: weaves ahead the
   * framework classes the training already uses in part, and once more when the agent is ready, as
   * the training may have begun to use its framework meanwhile. A framework class the training then
   * loads takes its weaving from there instead of weaving it cold (docs/BENCHMARKS.md, start-up).
   */
  private static void weaveAheadInBackground(
      InstrumentationInstaller.Prepared woven, TargetGate gate, Instrumentation inst) {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    Thread ahead =
        new Thread(
            () -> {
              try {
                woven.weaveAhead(app, gate, classesInUse(inst), true);
                if (gate.awaitOpen(TimeUnit.SECONDS.toMillis(60))) {
                  woven.weaveAhead(app, gate, classesInUse(inst), false);
                }
                AgentLog.debug(
                    woven.weavingStarted()
                        ? "weaving ahead done"
                        : "weaving ahead done from the weave cache, Byte Buddy not started");
                woven.pruneCache();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Throwable t) {
                AgentLog.debug("weaving ahead stopped: " + t);
              }
            },
            "jouletrace-weave-ahead");
    ahead.setDaemon(true);
    ahead.start();
  }

  /** The classes loaded so far (a few thousand names, read once). */
  private static ClassesInUse classesInUse(Instrumentation inst) {
    List<String> names = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      names.add(c.getName());
    }
    return ClassesInUse.of(names);
  }

  private static long millisSince(long nanoTime) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
  }

  /**
   * Byte Buddy's Unsafe class injector calls {@code sun.misc.Unsafe::objectFieldOffset}, which JDK
   * 24+ warns about (JEP 498); safe mode avoids it and advice does not need it. The property is set
   * only while our own copy of Byte Buddy starts, so that an application's Byte Buddy keeps its
   * behaviour.
   */
  private static InstrumentationInstaller.Prepared transformerQuietly(
      List<TrainingInstrumentation> units, ClassLoader agentLoader, Path cacheDir) {
    String previous = System.getProperty(BYTE_BUDDY_SAFE);
    if (previous == null) {
      System.setProperty(BYTE_BUDDY_SAFE, "true");
    }
    try {
      return InstrumentationInstaller.prepare(units, agentLoader, AgentLog::warn, cacheDir);
    } finally {
      if (previous == null) {
        System.clearProperty(BYTE_BUDDY_SAFE);
      }
    }
  }

  /**
   * Ends idle runs and runs of collected models (a DJL trainer finalized without close) in the
   * background: often enough for the idle timeout, at least every 10 s.
   */
  private static ScheduledExecutorService startSweeper(
      TrainingLifecycle lifecycle, Duration idleTimeout) {
    long periodMillis = 10_000;
    if (!idleTimeout.isZero()) {
      periodMillis = Math.max(100, Math.min(periodMillis, idleTimeout.toMillis() / 4));
    }
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "jouletrace-idle");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(
        lifecycle::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return sweeper;
  }

  private static List<TrainingInstrumentation> enabledUnits(AgentConfig config) {
    List<TrainingInstrumentation> candidates = new ArrayList<>(Instrumentations.builtIn());
    TrainingInstrumentation configured =
        ConfiguredTargets.parse(
            config.get(ConfigKeys.TARGETS),
            config.get(ConfigKeys.TARGETS_FRAMEWORK),
            AgentLog::warn);
    if (configured != null) {
      candidates.add(configured);
    }
    List<String> names = new ArrayList<>();
    for (TrainingInstrumentation unit : candidates) {
      names.add(unit.name());
    }
    config.reportUnknownInstrumentations(names);
    List<TrainingInstrumentation> units = new ArrayList<>();
    for (TrainingInstrumentation unit : candidates) {
      if (config.instrumentationEnabled(unit.name())) {
        units.add(unit);
      } else {
        AgentLog.info("instrumentation " + unit.name() + " switched off by configuration");
      }
    }
    return units;
  }

  private static Map<String, FrameworkPolicy> policies(List<TrainingInstrumentation> units) {
    Map<String, FrameworkPolicy> map = new HashMap<>();
    for (TrainingInstrumentation unit : units) {
      map.putIfAbsent(unit.framework(), unit.policy());
    }
    return map;
  }

  /**
   * Close open epochs and runs, finish the report, flush spans: in that order, all within {@code
   * jouletrace.exit.timeout_ms}.
   */
  private static void shutdown(
      TrainingLifecycle lifecycle,
      ScheduledExecutorService sweeper,
      Outputs outputs,
      PowerSampler sampler,
      EnergyMeter meter) {
    long started = System.nanoTime();
    try {
      TrainingBridge.register(null);
      sweeper.shutdownNow();
      lifecycle.closeAll();
      outputs.close(started);
      sampler.close();
      // closes the probes, except one whose read hung (docs/PROBES.md §6)
      meter.close();
    } catch (Throwable t) {
      AgentLog.internalError("shutdown", t);
    }
  }
}
