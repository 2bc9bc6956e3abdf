package dev.jouletrace.accounting.carbon;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Embodied gCO2e amortised over one interval, per device and in total. */
final class EmbodiedEstimate {
  private final List<Line> lines;
  private final double grams;

  EmbodiedEstimate(List<Line> lines) {
    this(lines, sumOf(lines));
  }

  /** An estimate whose total is known but not its lines. */
  EmbodiedEstimate(List<Line> lines, double grams) {
    this.lines = Collections.unmodifiableList(lines);
    this.grams = grams;
  }

  private static double sumOf(List<Line> lines) {
    double sum = 0;
    for (Line line : lines) {
      sum += line.grams();
    }
    return sum;
  }

  public double grams() {
    return grams;
  }

  public List<Line> lines() {
    return lines;
  }

  /** One device's (or the server's) amortised share. */
  public static final class Line {
    private final String deviceId;
    private final DeviceKind kind;
    private final String modelName;
    private final EmbodiedFootprint footprint;
    private final int count;
    private final double share;
    private final double grams;

    Line(
        String deviceId,
        DeviceKind kind,
        String modelName,
        EmbodiedFootprint footprint,
        int count,
        double share,
        double grams) {
      this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.modelName = Objects.requireNonNull(modelName, "modelName");
      this.footprint = Objects.requireNonNull(footprint, "footprint");
      this.count = count;
      this.share = share;
      this.grams = grams;
    }

    /** The descriptor's id, or "server" for the server line. */
    public String deviceId() {
      return deviceId;
    }

    public DeviceKind kind() {
      return kind;
    }

    public String modelName() {
      return modelName;
    }

    public double kgCo2e() {
      return footprint.kgCo2e();
    }

    public String source() {
      return footprint.source();
    }

    public int count() {
      return count;
    }

    public double share() {
      return share;
    }

    public double grams() {
      return grams;
    }
  }
}
