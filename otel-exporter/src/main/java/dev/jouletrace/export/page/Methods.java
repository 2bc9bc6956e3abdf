package dev.jouletrace.export.page;

import dev.jouletrace.probe.EnergyMethod;

/** Energy methods by their labels, as the report files name them. */
final class Methods {
  private Methods() {}

  /** The least direct of two methods (unknown labels count as estimated). */
  static String weakest(String a, String b) {
    return EnergyMethod.weakest(of(a), of(b)).label();
  }

  static EnergyMethod of(String label) {
    for (EnergyMethod m : EnergyMethod.values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    return EnergyMethod.ESTIMATED;
  }
}
