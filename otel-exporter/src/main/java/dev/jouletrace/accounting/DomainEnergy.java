package dev.jouletrace.accounting;

import java.util.List;
import java.util.Objects;

/**
 * Energy of one domain over one window: the whole device and this JVM's attributed share, with how
 * the figure was obtained and the attribution rule.
 */
public final class DomainEnergy {
  private final String domainId;
  private final String kind;
  private final String device;
  private final String method;
  private final String attribution;
  private final double deviceJoules;
  private final double processJoules;

  private DomainEnergy(
      String domainId,
      String kind,
      String device,
      String method,
      String attribution,
      double deviceJoules,
      double processJoules) {
    this.domainId = Objects.requireNonNull(domainId);
    this.kind = Objects.requireNonNull(kind);
    this.device = Objects.requireNonNull(device);
    this.method = Objects.requireNonNull(method);
    this.attribution = Objects.requireNonNull(attribution);
    this.deviceJoules = deviceJoules;
    this.processJoules = processJoules;
  }

  /**
   * @param kind cpu, dram, gpu or psys
   * @param method measured, integrated or estimated
   * @param attribution the rule that gave {@code processJoules}, e.g. process-cpu-time-share
   */
  public static DomainEnergy of(
      String domainId,
      String kind,
      String device,
      String method,
      String attribution,
      double deviceJoules,
      double processJoules) {
    return new DomainEnergy(
        domainId, kind, device, method, attribution, deviceJoules, processJoules);
  }

  public String domainId() {
    return domainId;
  }

  public String kind() {
    return kind;
  }

  public String device() {
    return device;
  }

  public String method() {
    return method;
  }

  public String attribution() {
    return attribution;
  }

  /** Energy of the whole device over the window. */
  public double deviceJoules() {
    return deviceJoules;
  }

  /** This JVM's share of {@link #deviceJoules()}; what the epoch is charged. */
  public double processJoules() {
    return processJoules;
  }

  /** Σ {@link #processJoules()}: what a window is charged. */
  public static double processTotal(List<DomainEnergy> domains) {
    double sum = 0;
    for (DomainEnergy d : domains) {
      sum += d.processJoules;
    }
    return sum;
  }

  /** Σ {@link #deviceJoules()}: the devices' whole energy over a window. */
  public static double deviceTotal(List<DomainEnergy> domains) {
    double sum = 0;
    for (DomainEnergy d : domains) {
      sum += d.deviceJoules;
    }
    return sum;
  }
}
