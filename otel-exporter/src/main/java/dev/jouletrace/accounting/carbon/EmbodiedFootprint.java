package dev.jouletrace.accounting.carbon;

import java.util.Locale;
import java.util.Objects;

/** Cradle-to-gate kgCO2e of one device, with the figure's source. */
final class EmbodiedFootprint {
  /**
   * NVIDIA H100 SXM 80GB card, about 575 kgCO2e (HBM about 431, die about 120): derived by hand
   * from boaviztapi @15878f0 data/factors.yml, gpu_specs.csv and the gpu.md formula (not an API
   * call), as listed in our carbon-data reference sheet.
   */
  public static final EmbodiedFootprint H100 =
      new EmbodiedFootprint(575.0, "Boavizta data, H100 SXM 80GB card (derived)");

  /** NVIDIA A100 SXM4 40GB card, about 273 kgCO2e: derived the same way as {@link #H100}. */
  public static final EmbodiedFootprint A100 =
      new EmbodiedFootprint(273.0, "Boavizta data, A100 SXM4 40GB card (derived)");

  /**
   * Any other GPU card: 150 kgCO2e, the per-GPU figure of Luccioni, Viguier, Ligozat, "Estimating
   * the carbon footprint of BLOOM", JMLR 24(253), 2023, and of the Teads/CCF server model (+150 kg
   * per GPU card).
   */
  public static final EmbodiedFootprint GENERIC_GPU =
      new EmbodiedFootprint(150.0, "Luccioni et al. 2023 / CCF Teads model, generic GPU card");

  private final double kgCo2e;
  private final String source;

  private EmbodiedFootprint(double kgCo2e, String source) {
    this.kgCo2e = kgCo2e;
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The footprint of a server with {@code kg} kgCO2e, sourced per {@link EmbodiedSettings}. */
  static EmbodiedFootprint server(double kg) {
    return new EmbodiedFootprint(
        kg,
        kg == EmbodiedSettings.DEFAULT_SERVER_KG
            ? "Boavizta default rack server"
            : EmbodiedSettings.class.getSimpleName() + " server footprint (configured)");
  }

  /** The GPU card's footprint, by model family found in its name ("NVIDIA H100 80GB HBM3"). */
  public static EmbodiedFootprint ofGpu(String modelName) {
    String name = modelName.toUpperCase(Locale.ROOT);
    if (name.contains("H100")) {
      return H100;
    }
    if (name.contains("A100")) {
      return A100;
    }
    return GENERIC_GPU;
  }

  public double kgCo2e() {
    return kgCo2e;
  }

  public String source() {
    return source;
  }
}
