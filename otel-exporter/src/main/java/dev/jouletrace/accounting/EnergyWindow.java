package dev.jouletrace.accounting;

import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.util.List;
import java.util.Objects;

/**
 * The energy of every metered domain over one window (an epoch, a validation pass, a batch): the
 * devices' whole energy and the share charged to this JVM, one entry per domain in the meter's
 * order. Made once by the meter from two readings and carried unchanged to every output.
 */
public final class EnergyWindow {
  private final List<EnergyDomain> domains;
  private final double[] deviceJoules;
  private final double[] processJoules;
  private final double deviceTotal;
  private final double processTotal;
  private final EnergyMethod method;
  private final String methodReason;

  private EnergyWindow(List<EnergyDomain> domains, double[] deviceJoules, double[] processJoules) {
    this(domains, deviceJoules, processJoules, null);
  }

  private EnergyWindow(
      List<EnergyDomain> domains,
      double[] deviceJoules,
      double[] processJoules,
      String methodReason) {
    if (deviceJoules.length != domains.size() || processJoules.length != domains.size()) {
      throw new IllegalArgumentException("one figure per domain expected");
    }
    this.domains = Objects.requireNonNull(domains);
    this.deviceJoules = deviceJoules;
    this.processJoules = processJoules;
    double device = 0;
    double process = 0;
    EnergyMethod weakest = domains.isEmpty() ? EnergyMethod.ESTIMATED : EnergyMethod.MEASURED;
    for (int i = 0; i < domains.size(); i++) {
      device += deviceJoules[i];
      process += processJoules[i];
      weakest = EnergyMethod.weakest(weakest, domains.get(i).method());
    }
    this.deviceTotal = device;
    this.processTotal = process;
    this.method = methodReason == null ? weakest : EnergyMethod.ESTIMATED;
    this.methodReason = methodReason;
  }

  /**
   * @param domains the meter's domains (shared, not copied)
   * @param deviceJoules each domain's whole-device energy over the window; owned from now on
   * @param processJoules each domain's energy charged to this JVM; owned from now on
   */
  public static EnergyWindow of(
      List<EnergyDomain> domains, double[] deviceJoules, double[] processJoules) {
    return new EnergyWindow(domains, deviceJoules, processJoules);
  }

  /**
   * The same figures labelled {@code estimated} with a reason: a probe's reading at one of the
   * window's ends (or in between) kept an older value, so the figures are not what the counters
   * gave (docs/PROBES.md §6).
   */
  public EnergyWindow estimatedBecause(String reason) {
    return new EnergyWindow(domains, deviceJoules, processJoules, Objects.requireNonNull(reason));
  }

  /** A window over no domain: nothing was metered. */
  public static EnergyWindow none() {
    return new EnergyWindow(List.of(), new double[0], new double[0]);
  }

  public int size() {
    return domains.size();
  }

  public EnergyDomain domain(int i) {
    return domains.get(i);
  }

  /** The domains, in the meter's order. */
  public List<EnergyDomain> domains() {
    return domains;
  }

  /** Energy of domain {@code i}'s whole device over the window, whoever used it. */
  public double deviceJoules(int i) {
    return deviceJoules[i];
  }

  /** This JVM's share of domain {@code i}'s energy: what the window is charged. */
  public double processJoules(int i) {
    return processJoules[i];
  }

  /** Σ {@link #processJoules(int)}: what the window is charged. */
  public double processTotal() {
    return processTotal;
  }

  /** Σ {@link #deviceJoules(int)}: the devices' whole energy over the window. */
  public double deviceTotal() {
    return deviceTotal;
  }

  /**
   * The least direct method among the domains: a sum is only as good as its weakest part ({@code
   * estimated} when nothing was metered, or when a probe's fault touched the window: see {@link
   * #methodReason()}).
   */
  public EnergyMethod method() {
    return method;
  }

  /** Why {@link #method()} is {@code estimated} though the domains were read, else null. */
  public String methodReason() {
    return methodReason;
  }
}
