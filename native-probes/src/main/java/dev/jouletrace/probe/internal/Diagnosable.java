package dev.jouletrace.probe.internal;

import java.util.List;

/**
 * A probe that learns something about its own readings while it runs (counters that disagree with
 * power, a counter that never moves), printed by {@code doctor} after its sample. Not part of
 * {@link dev.jouletrace.probe.EnergyProbe}: only some probes have anything to say.
 */
public interface Diagnosable {

  /** One line per finding, e.g. per GPU; may allocate (never called on the training thread). */
  List<String> diagnostics();
}
