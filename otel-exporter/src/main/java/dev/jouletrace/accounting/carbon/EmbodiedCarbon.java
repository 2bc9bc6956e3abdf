package dev.jouletrace.accounting.carbon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Amortises the manufacturing emissions of the devices a run used over an interval: {@code
 * embodied_g = Σ_device kg × 1000 × duration_s / lifetime_s × count × share}.
 */
final class EmbodiedCarbon {
  static final String SERVER_ID = "server";

  private final EmbodiedSettings settings;

  public EmbodiedCarbon(EmbodiedSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public EmbodiedSettings settings() {
    return settings;
  }

  /** The amortisation formula for one device. */
  public static double grams(double kgCo2e, double durationSeconds, double lifetimeSeconds) {
    return kgCo2e * 1000.0 * durationSeconds / lifetimeSeconds;
  }

  /**
   * GPUs count one line each, by model family; the server is counted once whenever any device was
   * used (CPU packages and DRAM are parts of it), at {@link EmbodiedSettings#serverShare()}.
   */
  public EmbodiedEstimate over(Duration interval, List<DeviceDescriptor> devices) {
    double seconds = interval.toNanos() / 1e9;
    if (seconds < 0) {
      throw new IllegalArgumentException("negative interval: " + interval);
    }
    double lifetime = settings.lifetimeSeconds();
    List<EmbodiedEstimate.Line> lines = new ArrayList<>();
    DeviceDescriptor firstCpu = null;
    for (DeviceDescriptor device : devices) {
      if (device.kind() == DeviceKind.CPU) {
        if (firstCpu == null) {
          firstCpu = device;
        }
        continue;
      }
      EmbodiedFootprint footprint = EmbodiedFootprint.ofGpu(device.modelName());
      double grams = grams(footprint.kgCo2e(), seconds, lifetime) * device.count() * device.share();
      lines.add(
          new EmbodiedEstimate.Line(
              device.id(),
              DeviceKind.GPU,
              device.modelName(),
              footprint,
              device.count(),
              device.share(),
              grams));
    }
    if (!devices.isEmpty()) {
      EmbodiedFootprint server = EmbodiedFootprint.server(settings.serverKg());
      double grams = grams(server.kgCo2e(), seconds, lifetime) * settings.serverShare();
      lines.add(
          new EmbodiedEstimate.Line(
              SERVER_ID,
              DeviceKind.CPU,
              firstCpu == null ? "" : firstCpu.modelName(),
              server,
              1,
              settings.serverShare(),
              grams));
    }
    return new EmbodiedEstimate(lines);
  }
}
