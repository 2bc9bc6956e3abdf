package dev.jouletrace.export.metrics;

import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.export.RunListener;
import dev.jouletrace.probe.EnergyMethod;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The CO2e accounted so far in this JVM, by the energy method of the figures it came from and by
 * kind (operational, embodied), for {@code jouletrace.co2}. Added to on the export thread as each
 * epoch and each run's time between epochs is accounted; read by the metric reader.
 */
public final class CarbonTotals implements RunListener {
  private final Map<EnergyMethod, DoubleAdder> operational = new EnumMap<>(EnergyMethod.class);
  private final Map<EnergyMethod, DoubleAdder> embodied = new EnumMap<>(EnergyMethod.class);

  public CarbonTotals() {
    for (EnergyMethod method : EnergyMethod.values()) {
      operational.put(method, new DoubleAdder());
      embodied.put(method, new DoubleAdder());
    }
  }

  @Override
  public void runStarted(RunLedger run) {}

  @Override
  public void epochFinished(RunLedger run, EpochAccount epoch) {
    EnergyMethod method = epoch.record().energy().method();
    operational.get(method).add(epoch.carbon().operationalGrams());
    embodied.get(method).add(epoch.carbon().embodiedGrams());
  }

  @Override
  public void runFinished(RunLedger run) {
    double betweenOperational = run.betweenEpochsCo2OperationalGrams();
    operational.get(run.energyMethod()).add(betweenOperational);
    embodied.get(run.energyMethod()).add(run.betweenEpochsCo2Grams() - betweenOperational);
  }

  @Override
  public void close(long deadlineNanos) {}

  /** Operational CO2e so far from figures of {@code method}, in grams. */
  public double operationalGrams(EnergyMethod method) {
    return operational.get(method).sum();
  }

  /** Amortised embodied CO2e so far charged with figures of {@code method}, in grams. */
  public double embodiedGrams(EnergyMethod method) {
    return embodied.get(method).sum();
  }
}
