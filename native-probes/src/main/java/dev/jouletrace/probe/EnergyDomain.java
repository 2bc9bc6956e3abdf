package dev.jouletrace.probe;

import java.util.Objects;

/**
 * One metered part of the machine, e.g. {@code cpu:package-0}, {@code dram:0} or {@code
 * gpu:GPU-8932f937-...}, with how its energy is obtained and how this JVM's share is attributed.
 */
public final class EnergyDomain {
  private final String id;
  private final DomainKind kind;
  private final String device;
  private final EnergyMethod method;
  private final String attribution;
  private final String vendor;
  private final String model;

  private EnergyDomain(
      String id,
      DomainKind kind,
      String device,
      EnergyMethod method,
      String attribution,
      String vendor,
      String model) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.device = Objects.requireNonNull(device, "device");
    this.method = Objects.requireNonNull(method, "method");
    this.attribution = Objects.requireNonNull(attribution, "attribution");
    this.vendor = vendor == null ? "" : vendor;
    this.model = model == null ? "" : model;
  }

  /**
   * @param id stable identifier, unique within the host ({@code <kind>:<name>})
   * @param device human-readable description (model name, zone path)
   * @param attribution the rule that turns the device total into this JVM's share, e.g. {@code
   *     device-total} or {@code process-cpu-time-share}
   */
  public static EnergyDomain of(
      String id, DomainKind kind, String device, EnergyMethod method, String attribution) {
    return new EnergyDomain(id, kind, device, method, attribution, "", "");
  }

  /**
   * The same domain with the maker and model of its device, as the driver names them (e.g. {@code
   * NVIDIA}, {@code NVIDIA H200}); {@code null} or empty where the probe does not know.
   */
  public EnergyDomain withHardware(String vendor, String model) {
    return new EnergyDomain(id, kind, device, method, attribution, vendor, model);
  }

  public String id() {
    return id;
  }

  public DomainKind kind() {
    return kind;
  }

  public String device() {
    return device;
  }

  public EnergyMethod method() {
    return method;
  }

  public String attribution() {
    return attribution;
  }

  /** The device's maker as its driver names it, or empty when the probe does not know it. */
  public String vendor() {
    return vendor;
  }

  /** The device's model as its driver names it, or empty when the probe does not know it. */
  public String model() {
    return model;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EnergyDomain)) {
      return false;
    }
    EnergyDomain that = (EnergyDomain) o;
    return id.equals(that.id)
        && kind == that.kind
        && device.equals(that.device)
        && method == that.method
        && attribution.equals(that.attribution)
        && vendor.equals(that.vendor)
        && model.equals(that.model);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, device, method, attribution, vendor, model);
  }

  @Override
  public String toString() {
    return id + " (" + method.label() + ", " + attribution + ")";
  }
}
