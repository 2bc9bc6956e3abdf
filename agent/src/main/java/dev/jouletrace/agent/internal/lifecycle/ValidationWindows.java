package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.MeterReading;

/** Measures the validation passes inside an open epoch, one {@link ValidationWindow} each. */
final class ValidationWindows {
  private final ModelRegistry<ModelState> models;
  private final EnergyMeter meter;

  ValidationWindows(ModelRegistry<ModelState> models, EnergyMeter meter) {
    this.models = models;
    this.meter = meter;
  }

  boolean validationEnter(String framework, Object model) {
    try {
      ModelState s = models.get(framework, model);
      synchronized (s) {
        if (!s.epochOpen || s.validationStart != null) {
          return false;
        }
        s.validationBatchesAtStart = s.validationBatches.get();
        s.validationStart = meter.read();
        return true;
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation start", t);
      return false;
    }
  }

  void validationExit(Object model, Throwable thrown) {
    try {
      ModelState s = models.find(model);
      if (s == null) {
        return;
      }
      synchronized (s) {
        MeterReading start = s.validationStart;
        if (start == null) {
          return;
        }
        s.validationStart = null;
        MeterReading end = meter.read();
        s.validations.add(
            SubWindow.validation(
                start.time(),
                end.time(),
                s.validationBatches.get() - s.validationBatchesAtStart,
                EndStatus.ofWindow(thrown),
                meter.window(start, end)));
      }
    } catch (Throwable t) {
      AgentLog.internalError("validation end", t);
    }
  }

  void validationBatch(String framework, Object model) {
    try {
      models.get(framework, model).validationBatches.incrementAndGet();
    } catch (Throwable t) {
      AgentLog.internalError("validation batch", t);
    }
  }
}
