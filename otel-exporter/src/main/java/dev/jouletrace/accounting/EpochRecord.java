package dev.jouletrace.accounting;

import dev.jouletrace.accounting.carbon.EnergySlice;
import dev.jouletrace.probe.EnergyMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished epoch as measured: its window, progress and energy by domain. Made once, on the
 * training thread when the epoch ends, and carried unchanged to accounting and every output.
 */
public final class EpochRecord {
  private final int runNumber;
  private final String framework;
  private final int index;
  private final WindowStatus status;
  private final Instant start;
  private final Instant end;
  private final long batches;
  private final long samples;
  private final TrainingMetrics metrics;
  private final EnergyWindow energy;
  private final List<SubWindow> validations;
  private final List<SubWindow> batchWindows;
  private final String shareRule;
  private final List<EnergySlice> hourSlices;
  private final long spanId;
  private final List<ExecutorEnergy> executors;
  private final String driverHost;

  private EpochRecord(Builder b) {
    this.runNumber = b.runNumber;
    this.framework = Objects.requireNonNull(b.framework, "framework");
    this.index = b.index;
    this.status = Objects.requireNonNull(b.status, "status");
    this.start = Objects.requireNonNull(b.start, "start");
    this.end = Objects.requireNonNull(b.end, "end");
    this.batches = b.batches;
    this.samples = b.samples;
    this.metrics = Objects.requireNonNull(b.metrics, "metrics");
    this.energy = Objects.requireNonNull(b.energy, "energy");
    this.validations = List.copyOf(b.validations);
    this.batchWindows = List.copyOf(b.batchWindows);
    this.shareRule = b.shareRule;
    this.hourSlices = List.copyOf(b.hourSlices);
    this.spanId = b.spanId;
    this.executors = List.copyOf(b.executors);
    this.driverHost = b.driverHost;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Which run of this JVM the epoch belongs to, counted from 1. */
  public int runNumber() {
    return runNumber;
  }

  public String framework() {
    return framework;
  }

  /** 0-based, without gaps within a run. */
  public int index() {
    return index;
  }

  public WindowStatus status() {
    return status;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public double durationSeconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }

  /** Training batches in the epoch (a Spark driver's: its executors' minibatches). */
  public long batches() {
    return batches;
  }

  /** Training rows (samples) in the epoch's batches, or -1 where batch sizes are not seen. */
  public long samples() {
    return samples;
  }

  public TrainingMetrics metrics() {
    return metrics;
  }

  /** Energy by domain over the epoch's window: the devices' whole and this JVM's share. */
  public EnergyWindow energy() {
    return energy;
  }

  /**
   * What the epoch is charged: this JVM's energy over the epoch, summed over domains, plus the task
   * windows of the Spark executors that trained for it ({@link #executors()}; none outside Spark).
   */
  public double energyJoules() {
    return energy.processTotal() + executorsEnergyJoules();
  }

  /** This JVM's own energy over the epoch (for a Spark driver: without its executors'). */
  public double ownEnergyJoules() {
    return energy.processTotal();
  }

  /** Σ {@link #executors()}: what the Spark executors' task windows of this epoch took. */
  public double executorsEnergyJoules() {
    double sum = 0;
    for (ExecutorEnergy e : executors) {
      sum += e.joules();
    }
    return sum;
  }

  /** The least direct method among this JVM's domains and the executors' figures. */
  public EnergyMethod energyMethod() {
    EnergyMethod m = energy.method();
    for (ExecutorEnergy e : executors) {
      m = EnergyMethod.weakest(m, e.method());
    }
    return m;
  }

  /**
   * The Spark executors' task windows of this epoch, one entry per executor (a Spark driver's
   * epoch; empty elsewhere).
   */
  public List<ExecutorEnergy> executors() {
    return executors;
  }

  /** The epoch span's id chosen when the epoch opened, or 0 (the SDK picks one). */
  public long spanId() {
    return spanId;
  }

  /**
   * The host Spark knows this JVM by when it is a Spark driver whose executors trained for the
   * epoch; null elsewhere.
   */
  public String driverHost() {
    return driverHost;
  }

  /**
   * This record with the executors' figures of its epoch added (a Spark driver's epoch).
   *
   * @param host the host Spark knows the driver by, or null
   */
  public EpochRecord withExecutors(String host, List<ExecutorEnergy> list) {
    Builder b = toBuilder();
    b.driverHost = host;
    b.executors = list;
    for (ExecutorEnergy e : list) {
      b.batches += e.batches(); // the minibatches are the executors'
    }
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.runNumber = runNumber;
    b.framework = framework;
    b.index = index;
    b.status = status;
    b.start = start;
    b.end = end;
    b.batches = batches;
    b.samples = samples;
    b.metrics = metrics;
    b.energy = energy;
    b.validations = validations;
    b.batchWindows = batchWindows;
    b.shareRule = shareRule;
    b.hourSlices = hourSlices;
    b.spanId = spanId;
    b.executors = executors;
    b.driverHost = driverHost;
    return b;
  }

  public double meanPowerWatts() {
    double s = durationSeconds();
    return s > 0 ? energyJoules() / s : 0;
  }

  /** Validation passes inside the epoch, in order, each with its own energy. */
  public List<SubWindow> validations() {
    return validations;
  }

  /** Training batches measured one by one (only when batch spans are on). */
  public List<SubWindow> batchWindows() {
    return batchWindows;
  }

  /**
   * Whether this JVM's energy over the epoch was split with another model training at the same
   * time; {@link #shareRule()} says how.
   */
  public boolean shared() {
    return shareRule != null;
  }

  /** How the overlap was split; null unless {@link #shared()}. */
  public String shareRule() {
    return shareRule;
  }

  /**
   * The charged energy split at clock hours (one slice when no hour began inside the epoch), so
   * that an hourly intensity series weighs each hour by its energy; empty when not measured.
   */
  public List<EnergySlice> hourSlices() {
    return hourSlices;
  }

  /** Builder for {@link EpochRecord}. */
  public static final class Builder {
    private int runNumber;
    private String framework;
    private int index;
    private WindowStatus status = WindowStatus.COMPLETED;
    private Instant start;
    private Instant end;
    private long batches;
    private long samples = -1;
    private TrainingMetrics metrics = TrainingMetrics.NONE;
    private EnergyWindow energy;
    private List<SubWindow> validations = List.of();
    private List<SubWindow> batchWindows = List.of();
    private String shareRule;
    private List<EnergySlice> hourSlices = List.of();
    private long spanId;
    private List<ExecutorEnergy> executors = List.of();
    private String driverHost;

    private Builder() {}

    /** The epoch span's id, chosen when the epoch opened; 0 lets the SDK pick one. */
    public Builder spanId(long v) {
      spanId = v;
      return this;
    }

    public Builder run(int number, String frameworkName) {
      runNumber = number;
      framework = frameworkName;
      return this;
    }

    public Builder index(int v) {
      index = v;
      return this;
    }

    public Builder status(WindowStatus v) {
      status = v;
      return this;
    }

    public Builder window(Instant startTime, Instant endTime) {
      start = startTime;
      end = endTime;
      return this;
    }

    public Builder batches(long v) {
      batches = v;
      return this;
    }

    /** -1 when unknown. */
    public Builder samples(long v) {
      samples = v;
      return this;
    }

    public Builder metrics(TrainingMetrics v) {
      metrics = v;
      return this;
    }

    public Builder energy(EnergyWindow v) {
      energy = v;
      return this;
    }

    public Builder validations(List<SubWindow> v) {
      validations = v;
      return this;
    }

    public Builder batchWindows(List<SubWindow> v) {
      batchWindows = v;
      return this;
    }

    /** The rule the overlap with another model's epoch was split by; null when not shared. */
    public Builder sharedBy(String rule) {
      shareRule = rule;
      return this;
    }

    public Builder hourSlices(List<EnergySlice> v) {
      hourSlices = v;
      return this;
    }

    public EpochRecord build() {
      return new EpochRecord(this);
    }
  }
}
