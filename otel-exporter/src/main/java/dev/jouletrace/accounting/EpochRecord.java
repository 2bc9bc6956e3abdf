package dev.jouletrace.accounting;

import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.Pue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What one finished epoch cost: its window, progress, energy by domain and carbon. */
public final class EpochRecord {
  private final int runNumber;
  private final String framework;
  private final int index;
  private final String status;
  private final Instant start;
  private final Instant end;
  private final long batches;
  private final Long samples;
  private final Double trainLoss;
  private final Double lastBatchLoss;
  private final Double validationLoss;
  private final Double trainAccuracy;
  private final Double validationAccuracy;
  private final List<DomainEnergy> domains;
  private final boolean shared;
  private final String shareRule;
  private final List<SubWindow> validations;
  private final List<SubWindow> batchWindows;
  private final CarbonIntensity intensity;
  private final Pue pue;
  private final double co2EmbodiedGrams;

  private EpochRecord(Builder b) {
    this.runNumber = b.runNumber;
    this.framework = Objects.requireNonNull(b.framework, "framework");
    this.index = b.index;
    this.status = Objects.requireNonNull(b.status, "status");
    this.start = Objects.requireNonNull(b.start, "start");
    this.end = Objects.requireNonNull(b.end, "end");
    this.batches = b.batches;
    this.samples = b.samples;
    this.trainLoss = b.trainLoss;
    this.lastBatchLoss = b.lastBatchLoss;
    this.validationLoss = b.validationLoss;
    this.trainAccuracy = b.trainAccuracy;
    this.validationAccuracy = b.validationAccuracy;
    this.domains = List.copyOf(b.domains);
    this.shared = b.shared;
    this.shareRule = b.shareRule;
    this.validations = List.copyOf(b.validations);
    this.batchWindows = List.copyOf(b.batchWindows);
    this.intensity = Objects.requireNonNull(b.intensity, "intensity");
    this.pue = Objects.requireNonNull(b.pue, "pue");
    this.co2EmbodiedGrams = b.co2EmbodiedGrams;
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

  /** completed, interrupted (JVM exit mid-epoch) or failed (the epoch threw). */
  public String status() {
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

  public long batches() {
    return batches;
  }

  /** Training samples in the epoch; null when the framework does not tell. */
  public Long samples() {
    return samples;
  }

  /** Null when the framework did not expose it. */
  public Double trainLoss() {
    return trainLoss;
  }

  /** DL4J: the score of the epoch's last batch, beside the mean in {@link #trainLoss()}. */
  public Double lastBatchLoss() {
    return lastBatchLoss;
  }

  public Double validationLoss() {
    return validationLoss;
  }

  /**
   * Whether this JVM's energy over the epoch was split with another model training at the same
   * time; {@link #shareRule()} says how.
   */
  public boolean shared() {
    return shared;
  }

  /** Empty unless {@link #shared()}. */
  public String shareRule() {
    return shareRule;
  }

  /** Validation passes inside the epoch, each with its own energy. */
  public List<SubWindow> validations() {
    return validations;
  }

  /** Training batches measured one by one (only when batch spans are on). */
  public List<SubWindow> batchWindows() {
    return batchWindows;
  }

  public Double trainAccuracy() {
    return trainAccuracy;
  }

  public Double validationAccuracy() {
    return validationAccuracy;
  }

  public List<DomainEnergy> domains() {
    return domains;
  }

  /** This JVM's energy over the epoch, summed over domains: what the epoch is charged. */
  public double energyJoules() {
    return DomainEnergy.processTotal(domains);
  }

  /** The devices' whole energy over the epoch, whoever used them. */
  public double deviceEnergyJoules() {
    return DomainEnergy.deviceTotal(domains);
  }

  /** measured, integrated or estimated: the least direct method among the domains. */
  public String energyMethod() {
    return EnergyMethods.combined(domains);
  }

  public double meanPowerWatts() {
    double s = durationSeconds();
    return s > 0 ? energyJoules() / s : 0;
  }

  public CarbonIntensity intensity() {
    return intensity;
  }

  public Pue pue() {
    return pue;
  }

  /** {@code energy_kWh × intensity × PUE}. */
  public double co2OperationalGrams() {
    return dev.jouletrace.accounting.carbon.OperationalCarbon.grams(energyJoules(), intensity, pue);
  }

  /** Manufacturing emissions of the hardware, amortised over the epoch's duration. */
  public double co2EmbodiedGrams() {
    return co2EmbodiedGrams;
  }

  /** Builder for {@link EpochRecord}. */
  public static final class Builder {
    private int runNumber;
    private String framework;
    private int index;
    private String status = "completed";
    private Instant start;
    private Instant end;
    private long batches;
    private Long samples;
    private Double trainLoss;
    private Double lastBatchLoss;
    private boolean shared;
    private String shareRule = "";
    private List<SubWindow> validations = List.of();
    private List<SubWindow> batchWindows = List.of();
    private Double validationLoss;
    private Double trainAccuracy;
    private Double validationAccuracy;
    private List<DomainEnergy> domains = List.of();
    private CarbonIntensity intensity;
    private Pue pue;
    private double co2EmbodiedGrams;

    private Builder() {}

    public Builder runNumber(int v) {
      runNumber = v;
      return this;
    }

    public Builder framework(String v) {
      framework = v;
      return this;
    }

    public Builder index(int v) {
      index = v;
      return this;
    }

    public Builder status(String v) {
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

    public Builder samples(Long v) {
      samples = v;
      return this;
    }

    public Builder lastBatchLoss(Double v) {
      lastBatchLoss = v;
      return this;
    }

    public Builder shared(boolean v, String rule) {
      shared = v;
      shareRule = v ? rule : "";
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

    public Builder trainLoss(Double v) {
      trainLoss = v;
      return this;
    }

    public Builder validationLoss(Double v) {
      validationLoss = v;
      return this;
    }

    public Builder trainAccuracy(Double v) {
      trainAccuracy = v;
      return this;
    }

    public Builder validationAccuracy(Double v) {
      validationAccuracy = v;
      return this;
    }

    public Builder domains(List<DomainEnergy> v) {
      domains = v;
      return this;
    }

    public Builder carbon(CarbonIntensity i, Pue p) {
      intensity = i;
      pue = p;
      return this;
    }

    public Builder co2EmbodiedGrams(double v) {
      co2EmbodiedGrams = v;
      return this;
    }

    public EpochRecord build() {
      return new EpochRecord(this);
    }
  }
}
