package dev.jouletrace.probe;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where probes look and which model constants they use. Roots are configurable so tests can point
 * them at fake sysfs trees; the environment is passed in so tests can set {@code
 * CUDA_VISIBLE_DEVICES} without touching the real one.
 */
public final class ProbeSettings {
  /**
   * Default CPU power per fully busy core: Green Algorithms' reference "TDP per core" of 12 W
   * (GreenAlgorithms/green-algorithms-tool, data/v2.2/referenceValues.csv, 2022).
   */
  public static final double DEFAULT_CPU_WATTS_PER_CORE = 12.0;

  private final Path powercapRoot;
  private final Path hwmonRoot;
  private final Path drmRoot;
  private final Path procRoot;
  private final Path cgroupRoot;
  private final String nvmlLibrary;
  private final String amdSmiLibrary;
  private final double cpuWattsPerCore;
  private final Map<String, String> environment;

  private ProbeSettings(Builder b) {
    this.powercapRoot = b.powercapRoot;
    this.hwmonRoot = b.hwmonRoot;
    this.drmRoot = b.drmRoot;
    this.procRoot = b.procRoot;
    this.cgroupRoot = b.cgroupRoot;
    this.nvmlLibrary = b.nvmlLibrary;
    this.amdSmiLibrary = b.amdSmiLibrary;
    this.cpuWattsPerCore = b.cpuWattsPerCore;
    this.environment = Collections.unmodifiableMap(new HashMap<>(b.environment));
  }

  /** Settings for the real machine: real sysfs and procfs, the process environment. */
  public static ProbeSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code /sys/class/powercap} on a real machine. */
  public Path powercapRoot() {
    return powercapRoot;
  }

  /** {@code /sys/class/hwmon} on a real machine. */
  public Path hwmonRoot() {
    return hwmonRoot;
  }

  /** {@code /sys/class/drm} on a real machine. */
  public Path drmRoot() {
    return drmRoot;
  }

  /** {@code /proc} on a real machine. */
  public Path procRoot() {
    return procRoot;
  }

  /** {@code /sys/fs/cgroup} on a real machine. */
  public Path cgroupRoot() {
    return cgroupRoot;
  }

  /** The NVML library name handed to JNA; {@code libnvidia-ml.so.1} on Linux. */
  public String nvmlLibrary() {
    return nvmlLibrary;
  }

  /** The AMD SMI library name handed to JNA; {@code libamd_smi.so} on Linux. */
  public String amdSmiLibrary() {
    return amdSmiLibrary;
  }

  public double cpuWattsPerCore() {
    return cpuWattsPerCore;
  }

  /**
   * The environment probes consult ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER}; for
   * AMD SMI, whether {@code ROCR_VISIBLE_DEVICES}, {@code HIP_VISIBLE_DEVICES} or {@code
   * GPU_DEVICE_ORDINAL} is set).
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** Builder with the real machine's paths as defaults. */
  public static final class Builder {
    private Path powercapRoot = Paths.get("/sys/class/powercap");
    private Path hwmonRoot = Paths.get("/sys/class/hwmon");
    private Path drmRoot = Paths.get("/sys/class/drm");
    private Path procRoot = Paths.get("/proc");
    private Path cgroupRoot = Paths.get("/sys/fs/cgroup");
    private String nvmlLibrary = "libnvidia-ml.so.1";
    private String amdSmiLibrary = "libamd_smi.so";
    private double cpuWattsPerCore = DEFAULT_CPU_WATTS_PER_CORE;
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    public Builder powercapRoot(Path v) {
      this.powercapRoot = Objects.requireNonNull(v);
      return this;
    }

    public Builder hwmonRoot(Path v) {
      this.hwmonRoot = Objects.requireNonNull(v);
      return this;
    }

    public Builder drmRoot(Path v) {
      this.drmRoot = Objects.requireNonNull(v);
      return this;
    }

    public Builder procRoot(Path v) {
      this.procRoot = Objects.requireNonNull(v);
      return this;
    }

    public Builder cgroupRoot(Path v) {
      this.cgroupRoot = Objects.requireNonNull(v);
      return this;
    }

    public Builder nvmlLibrary(String v) {
      this.nvmlLibrary = Objects.requireNonNull(v);
      return this;
    }

    public Builder amdSmiLibrary(String v) {
      this.amdSmiLibrary = Objects.requireNonNull(v);
      return this;
    }

    public Builder cpuWattsPerCore(double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("cpuWattsPerCore must be a positive number: " + v);
      }
      this.cpuWattsPerCore = v;
      return this;
    }

    public Builder environment(Map<String, String> v) {
      this.environment = Objects.requireNonNull(v);
      return this;
    }

    public ProbeSettings build() {
      return new ProbeSettings(this);
    }
  }
}
