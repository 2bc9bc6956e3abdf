package dev.jouletrace.agent.internal.meter;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import java.time.Duration;
import java.util.List;

/** A probe whose cumulative counter the test advances by hand; the JVM is charged a fixed share. */
public class ScriptedProbe implements EnergyProbe {
  private final EnergyDomain domain;
  private final double share;
  private volatile double deviceJoules;
  public volatile int reads;

  public ScriptedProbe(String id, EnergyMethod method, double share) {
    this.domain = EnergyDomain.of(id, DomainKind.CPU, "scripted " + id, method, "fixed-share");
    this.share = share;
  }

  public void advance(double joules) {
    deviceJoules += joules;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public List<EnergyDomain> domains() {
    return List.of(domain);
  }

  @Override
  public void read(double[] device, double[] process) {
    reads++;
    device[0] = deviceJoules;
    process[0] = deviceJoules * share;
  }

  @Override
  public void sample() {}

  @Override
  public Duration maxSamplePeriod() {
    return Duration.ofSeconds(1);
  }

  @Override
  public void close() {}
}
