package dev.jouletrace.accounting;

import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.accounting.carbon.Pue;
import dev.jouletrace.accounting.efficiency.EpochEfficiency;
import dev.jouletrace.accounting.efficiency.RunEfficiency;
import dev.jouletrace.accounting.forecast.EpochObservation;
import dev.jouletrace.accounting.forecast.Forecast;
import dev.jouletrace.accounting.forecast.ForecastHistory;
import dev.jouletrace.accounting.forecast.RunForecaster;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One training run's account as it grows: totals, efficiency, forecasts and the chart series,
 * updated once per epoch. Its size does not grow with the number of epochs: each epoch is added to
 * running figures and then left to the writers (who append it to the epoch log). Confined to the
 * export thread; writers read it there.
 */
public final class RunLedger {
  /** Points a finished run keeps for its charts. */
  static final int FINISHED_POINTS = 256;

  private final RunStart start;
  private final RunEfficiency efficiency = new RunEfficiency();
  private final ForecastHistory forecasts;
  private final EpochSeries series = new EpochSeries();
  private RunStatus status = RunStatus.RUNNING;
  private Instant end;
  private FrameworkOutcome outcome;
  private int epochs;
  private long samples;
  private boolean samplesKnown;
  private double energyJoules;
  private double deviceEnergyJoules;
  private double co2OperationalGrams;
  private double co2EmbodiedGrams;
  private double epochSeconds;
  private double betweenJoules;
  private EnergyWindow betweenEpochs = EnergyWindow.none();
  private double betweenDeviceJoules;
  private double betweenCo2OperationalGrams;
  private double betweenCo2EmbodiedGrams;
  private EnergyMethod method;
  private String methodReason;
  private Instant lastEpochEnd;
  private CarbonIntensity lastIntensity;
  private Pue lastPue;
  private long epochsLost;
  private double ownEpochsJoules;
  private EnergyMethod ownMethod;

  /** Executor id → its task windows over the run (Spark); bounded by the cluster's executors. */
  private final Map<String, ExecutorEnergy> executors = new LinkedHashMap<>();

  private String driverHost;

  public RunLedger(RunStart start, RunForecaster forecaster) {
    this.start = Objects.requireNonNull(start);
    this.forecasts = ForecastHistory.start(forecaster, start.plannedEpochs());
  }

  /** Accounts the run's next epoch, once: carbon given, efficiency and forecast derived here. */
  public EpochAccount add(EpochRecord record, EpochCarbon carbon) {
    epochs++;
    if (record.samples() >= 0) {
      samples += record.samples();
      samplesKnown = true;
    }
    double joules = record.energyJoules();
    energyJoules += joules;
    deviceEnergyJoules += record.energy().deviceTotal();
    ownEpochsJoules += record.ownEnergyJoules();
    ownMethod =
        ownMethod == null
            ? record.energy().method()
            : EnergyMethod.weakest(ownMethod, record.energy().method());
    if (!record.executors().isEmpty() || record.driverHost() != null) {
      addExecutors(record);
    }
    co2OperationalGrams += carbon.operationalGrams();
    co2EmbodiedGrams += carbon.embodiedGrams();
    epochSeconds += record.durationSeconds();
    method =
        method == null
            ? record.energyMethod()
            : EnergyMethod.weakest(method, record.energyMethod());
    if (record.energy().methodReason() != null) {
      methodReason = record.energy().methodReason();
    }
    lastEpochEnd = record.end();
    lastIntensity = carbon.intensity();
    lastPue = carbon.pue();
    EpochEfficiency eff =
        efficiency.add(record.index(), joules, record.samples(), record.metrics());
    Forecast forecast =
        forecasts
            .record(EpochObservation.of(joules, carbon.totalGrams(), record.durationSeconds()))
            .orElse(null);
    EpochAccount account = new EpochAccount(record, carbon, eff, forecast);
    series.add(account, energyJoules, co2Grams());
    return account;
  }

  /** The run ended: its status, time and the framework's own account. */
  public void finish(RunEnd runEnd) {
    finish(runEnd, null);
  }

  /**
   * The run ended, with the carbon of its energy between epochs ({@link RunEnd#betweenEpochs()});
   * null when there was none.
   */
  public void finish(RunEnd runEnd, EpochCarbon betweenCarbon) {
    status = runEnd.status();
    end = runEnd.end();
    outcome = runEnd.outcome();
    EnergyWindow between = runEnd.betweenEpochs();
    betweenEpochs = between;
    betweenJoules = between.processTotal();
    betweenDeviceJoules = between.deviceTotal();
    if (between.size() > 0) {
      method = method == null ? between.method() : EnergyMethod.weakest(method, between.method());
      ownMethod =
          ownMethod == null ? between.method() : EnergyMethod.weakest(ownMethod, between.method());
      if (between.methodReason() != null) {
        methodReason = between.methodReason();
      }
    }
    if (betweenCarbon != null) {
      betweenCo2OperationalGrams = betweenCarbon.operationalGrams();
      betweenCo2EmbodiedGrams = betweenCarbon.embodiedGrams();
    }
    if (outcome != null) {
      efficiency.addFrameworkValidationScores(outcome.validationScores(), series::energyThrough);
    }
    series.compact(FINISHED_POINTS);
  }

  private void addExecutors(EpochRecord record) {
    if (driverHost == null) {
      driverHost = record.driverHost();
    }
    for (ExecutorEnergy e : record.executors()) {
      executors.merge(e.executorId(), e, ExecutorEnergy::plus);
    }
  }

  /**
   * Whether Spark executors trained for this run, so that {@link #energyByExecutor()} has something
   * to say.
   */
  public boolean distributed() {
    return !executors.isEmpty() || driverHost != null;
  }

  /**
   * The run's energy by Spark executor, summing to {@link #energyJoules()}: first the driver
   * ({@value ExecutorEnergy#DRIVER}: this JVM's own energy over the run, its epochs' and between
   * them, plus tasks Spark ran inside it in local mode), then each executor's task windows. Empty
   * unless {@link #distributed()}.
   */
  public List<ExecutorEnergy> energyByExecutor() {
    if (!distributed()) {
      return List.of();
    }
    List<ExecutorEnergy> list = new ArrayList<>();
    ExecutorEnergy driver =
        new ExecutorEnergy(
            ExecutorEnergy.DRIVER, driverHost, ownEpochsJoules + betweenJoules, ownMethod(), 0, 0);
    ExecutorEnergy inDriver = executors.get(ExecutorEnergy.DRIVER);
    list.add(inDriver == null ? driver : driver.plus(inDriver));
    for (ExecutorEnergy e : executors.values()) {
      if (!e.executorId().equals(ExecutorEnergy.DRIVER)) {
        list.add(e);
      }
    }
    list.sort(ExecutorEnergy.ORDER);
    return list;
  }

  /** Σ of the executors' task windows over the run (Spark), without the driver's own share. */
  public double executorsEnergyJoules() {
    double sum = 0;
    for (ExecutorEnergy e : executors.values()) {
      sum += e.joules();
    }
    return sum;
  }

  private EnergyMethod ownMethod() {
    return ownMethod == null ? EnergyMethod.ESTIMATED : ownMethod;
  }

  /** An epoch of this run could not be handed to the writers (the hand-off queue was full). */
  public void epochLost() {
    epochsLost++;
  }

  public RunStart start() {
    return start;
  }

  public int number() {
    return start.number();
  }

  public String framework() {
    return start.framework();
  }

  public RunStatus status() {
    return status;
  }

  /** Null while the run is going on. */
  public Instant end() {
    return end;
  }

  public boolean finished() {
    return end != null;
  }

  /** What the framework itself said about how the run ended (DL4J early stopping); or null. */
  public FrameworkOutcome outcome() {
    return outcome;
  }

  /** Epochs accounted. */
  public int epochs() {
    return epochs;
  }

  /** Epochs measured but lost on the way to the writers; 0 unless the export fell behind. */
  public long epochsLost() {
    return epochsLost;
  }

  /** Training samples of all epochs, or -1 when the framework showed none. */
  public long samples() {
    return samplesKnown ? samples : -1;
  }

  /**
   * The run's energy: its epochs' and the time between them, so that for a run alone in its JVM it
   * is the counters' difference over the run.
   */
  public double energyJoules() {
    return energyJoules + betweenJoules;
  }

  /** The energy of the run's epochs alone. */
  public double epochsEnergyJoules() {
    return energyJoules;
  }

  /** The energy charged to the run while none of its epochs was open (known when it ended). */
  public double betweenEpochsJoules() {
    return betweenJoules;
  }

  /** Run duration not inside any of its epochs. */
  public double betweenEpochsSeconds() {
    return Math.max(0, durationSeconds() - epochSeconds);
  }

  public double deviceEnergyJoules() {
    return deviceEnergyJoules + betweenDeviceJoules;
  }

  public double co2OperationalGrams() {
    return co2OperationalGrams + betweenCo2OperationalGrams;
  }

  public double co2EmbodiedGrams() {
    return co2EmbodiedGrams + betweenCo2EmbodiedGrams;
  }

  /** The energy of each domain while none of the run's epochs was open (known once finished). */
  public EnergyWindow betweenEpochs() {
    return betweenEpochs;
  }

  /** Operational CO2e of the time between epochs. */
  public double betweenEpochsCo2OperationalGrams() {
    return betweenCo2OperationalGrams;
  }

  /** Operational plus embodied CO2e of the time between epochs. */
  public double betweenEpochsCo2Grams() {
    return betweenCo2OperationalGrams + betweenCo2EmbodiedGrams;
  }

  /** Operational plus embodied. */
  public double co2Grams() {
    return co2OperationalGrams() + co2EmbodiedGrams();
  }

  /** Sum of the epochs' durations. */
  public double epochSeconds() {
    return epochSeconds;
  }

  /** Start to end, or to the last epoch's end while running. */
  public double durationSeconds() {
    Instant last = end != null ? end : lastEpochEnd != null ? lastEpochEnd : start.start();
    return Duration.between(start.start(), last).toNanos() / 1e9;
  }

  /**
   * Why the run's figures are estimated though its domains were read: the latest probe fault that
   * touched one of its epochs or the time between them (docs/PROBES.md §6), else null.
   */
  public String energyMethodReason() {
    return methodReason;
  }

  /** The least direct method among the epochs ({@code estimated} before any epoch). */
  public EnergyMethod energyMethod() {
    return method == null ? EnergyMethod.ESTIMATED : method;
  }

  /** The intensity the last epoch was charged at; null before any epoch. */
  public CarbonIntensity lastIntensity() {
    return lastIntensity;
  }

  /** The PUE the last epoch was charged with; null before any epoch. */
  public Pue lastPue() {
    return lastPue;
  }

  public RunEfficiency efficiency() {
    return efficiency;
  }

  /** The forecasts made so far and, once the run ended, their errors. */
  public ForecastHistory forecasts() {
    return forecasts;
  }

  /**
   * Whether the run did what it was set up for: it ran its planned epochs. Only then is a
   * forecast's error a statement about the forecast (a run stopped early makes it wrong by design).
   */
  public boolean ranPlannedLength() {
    return start.plannedEpochs() > 0 && epochs == start.plannedEpochs();
  }

  /** The epochs as charts need them (downsampled for long runs). */
  public EpochSeries series() {
    return series;
  }
}
