package dev.jouletrace.accounting.carbon;

import java.util.Locale;
import java.util.Objects;

/** A device a run used: its kind, id, model name, how many and which share of each. */
public final class DeviceDescriptor {
  private final DeviceKind kind;
  private final String id;
  private final String modelName;
  private final int count;
  private final double share;

  private DeviceDescriptor(DeviceKind kind, String id, String modelName, int count, double share) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.id = Objects.requireNonNull(id, "id");
    this.modelName = modelName == null ? "" : modelName;
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in 0..1: " + share);
    }
    this.count = count;
    this.share = share;
  }

  public static DeviceDescriptor gpu(String id, String modelName) {
    return new DeviceDescriptor(DeviceKind.GPU, id, modelName, 1, 1.0);
  }

  public static DeviceDescriptor cpu(String id, String modelName) {
    return new DeviceDescriptor(DeviceKind.CPU, id, modelName, 1, 1.0);
  }

  /**
   * From an energy domain as the agent names it: "gpu:&lt;uuid&gt;" is a GPU, anything else
   * ("cpu:package-0", "dram:0") stands for the server.
   */
  public static DeviceDescriptor fromDomain(String domain, String deviceName) {
    boolean gpu = domain.toLowerCase(Locale.ROOT).startsWith("gpu:");
    return new DeviceDescriptor(gpu ? DeviceKind.GPU : DeviceKind.CPU, domain, deviceName, 1, 1.0);
  }

  /** The same device, {@code count} times (e.g. 8 identical cards described once). */
  public DeviceDescriptor withCount(int count) {
    return new DeviceDescriptor(kind, id, modelName, count, share);
  }

  /** The same device, used at {@code share} (0..1) of its capacity, e.g. a 1/7 MIG slice. */
  public DeviceDescriptor withShare(double share) {
    return new DeviceDescriptor(kind, id, modelName, count, share);
  }

  public DeviceKind kind() {
    return kind;
  }

  public String id() {
    return id;
  }

  public String modelName() {
    return modelName;
  }

  public int count() {
    return count;
  }

  public double share() {
    return share;
  }
}
