package dev.jouletrace.accounting;

import java.util.List;

/** Combines method labels: a sum is only as direct as its least direct part. */
public final class EnergyMethods {
  private static final List<String> ORDER = List.of("measured", "integrated", "estimated");

  private EnergyMethods() {}

  /** The least direct method among the domains; "estimated" when there are none. */
  public static String combined(List<DomainEnergy> domains) {
    int worst = domains.isEmpty() ? ORDER.size() - 1 : 0;
    for (DomainEnergy d : domains) {
      worst = Math.max(worst, rank(d.method()));
    }
    return ORDER.get(worst);
  }

  private static int rank(String method) {
    int i = ORDER.indexOf(method);
    return i < 0 ? ORDER.size() - 1 : i;
  }
}
