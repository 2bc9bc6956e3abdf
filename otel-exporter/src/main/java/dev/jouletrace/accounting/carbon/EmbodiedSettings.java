package dev.jouletrace.accounting.carbon;

/** How embodied emissions are amortised: device lifetime, the server's footprint and our share. */
public final class EmbodiedSettings {
  /**
   * 4 years: the SCI / Cloud Carbon Footprint convention (EL from the Dell PowerEdge R740 LCA),
   * ccf @b7a049c7 HowItWorks/EmbodiedEmissions.md.
   */
  public static final double DEFAULT_LIFETIME_YEARS = 4.0;

  /**
   * 900 kgCO2e: Boavizta API default rack server without parameters (min 461.8, max 2089; end of
   * life excluded), boaviztapi @15878f0 docs/getting_started/single_server.md.
   */
  public static final double DEFAULT_SERVER_KG = 900.0;

  /**
   * A training job is assumed to own its server; lower it to cores used / cores on a shared host.
   */
  public static final double DEFAULT_SERVER_SHARE = 1.0;

  private static final EmbodiedSettings DEFAULTS = builder().build();

  private final double lifetimeYears;
  private final double serverKg;
  private final double serverShare;

  private EmbodiedSettings(Builder b) {
    if (!(b.lifetimeYears > 0) || Double.isInfinite(b.lifetimeYears)) {
      throw new IllegalArgumentException("lifetime must be > 0 years: " + b.lifetimeYears);
    }
    if (!(b.serverKg >= 0) || Double.isInfinite(b.serverKg)) {
      throw new IllegalArgumentException("server footprint must be >= 0 kg: " + b.serverKg);
    }
    if (!(b.serverShare >= 0 && b.serverShare <= 1)) {
      throw new IllegalArgumentException("server share must be in 0..1: " + b.serverShare);
    }
    this.lifetimeYears = b.lifetimeYears;
    this.serverKg = b.serverKg;
    this.serverShare = b.serverShare;
  }

  public static EmbodiedSettings defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public double lifetimeYears() {
    return lifetimeYears;
  }

  /** Lifetime in seconds, with a year of 365.25 days. */
  public double lifetimeSeconds() {
    return lifetimeYears * 365.25 * 86_400.0;
  }

  public double serverKg() {
    return serverKg;
  }

  public double serverShare() {
    return serverShare;
  }

  /** Builds {@link EmbodiedSettings}; starts from the defaults above. */
  public static final class Builder {
    private double lifetimeYears = DEFAULT_LIFETIME_YEARS;
    private double serverKg = DEFAULT_SERVER_KG;
    private double serverShare = DEFAULT_SERVER_SHARE;

    private Builder() {}

    public Builder lifetimeYears(double years) {
      this.lifetimeYears = years;
      return this;
    }

    public Builder serverKg(double kg) {
      this.serverKg = kg;
      return this;
    }

    public Builder serverShare(double share) {
      this.serverShare = share;
      return this;
    }

    public EmbodiedSettings build() {
      return new EmbodiedSettings(this);
    }
  }
}
