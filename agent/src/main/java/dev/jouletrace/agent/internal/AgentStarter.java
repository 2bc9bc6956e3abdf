package dev.jouletrace.agent.internal;

import dev.jouletrace.agent.bootstrap.TrainingBridge;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.agent.internal.export.Outputs;
import dev.jouletrace.agent.internal.instrumentation.InstrumentationInstaller;
import dev.jouletrace.agent.internal.instrumentation.Instrumentations;
import dev.jouletrace.agent.internal.instrumentation.TrainingInstrumentation;
import dev.jouletrace.agent.internal.instrumentation.djl.DjlListenerInjector;
import dev.jouletrace.agent.internal.lifecycle.FrameworkPolicy;
import dev.jouletrace.agent.internal.lifecycle.TrainingLifecycle;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.PowerSampler;
import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.Probes;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the agent inside its isolated class loader: configuration, instrumentation, probes,
 * outputs, then the bridge. Called reflectively by the bootstrap entry point; never throws.
 */
public final class AgentStarter {
  private AgentStarter() {}

  public static void start(
      String agentArgs, Instrumentation inst, boolean attachedLate, ClassLoader agentLoader) {
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
      InstrumentationInstaller.install(inst, units, agentLoader);

      DiscoveredProbes probes = Probes.discover(Settings.probes(config));
      EnergyMeter meter = new EnergyMeter(probes.probes());
      PowerSampler sampler =
          new PowerSampler(
              probes.probes(),
              Duration.ofMillis(config.get(ConfigKeys.SAMPLER_INTERVAL_MS)),
              AgentLog::warn);
      Outputs outputs = Outputs.start(config, probes, meter.domains());
      TrainingLifecycle lifecycle =
          new TrainingLifecycle(
              meter, outputs.pipeline(), policies(units), new DjlListenerInjector(), attachedLate);
      sampler.start();
      TrainingBridge.register(lifecycle);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> shutdown(lifecycle, outputs, sampler, probes), "jouletrace-shutdown"));
      outputs.announce(probes, meter.domains(), attachedLate);
    } catch (Throwable t) {
      TrainingBridge.register(null);
      AgentLog.info("could not start; the training runs without it: " + t);
      if (AgentLog.debugEnabled()) {
        t.printStackTrace();
      }
    }
  }

  private static List<TrainingInstrumentation> enabledUnits(AgentConfig config) {
    List<TrainingInstrumentation> units = new ArrayList<>();
    for (TrainingInstrumentation unit : Instrumentations.builtIn()) {
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

  /** Close open epochs and runs, finish the report, flush spans: in that order, each bounded. */
  private static void shutdown(
      TrainingLifecycle lifecycle, Outputs outputs, PowerSampler sampler, DiscoveredProbes probes) {
    try {
      TrainingBridge.register(null);
      lifecycle.closeAll();
      outputs.close();
      sampler.close();
      probes.close();
    } catch (Throwable t) {
      AgentLog.internalError("shutdown", t);
    }
  }
}
