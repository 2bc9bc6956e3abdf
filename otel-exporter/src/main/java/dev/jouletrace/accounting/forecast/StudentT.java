package dev.jouletrace.accounting.forecast;

/** Two-sided 95% Student-t critical values (the 0.975 quantile), from standard tables. */
final class StudentT {
  private static final double[] QUANTILE_975 = {
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423
  };

  private StudentT() {}

  /**
   * The 0.975 quantile for {@code degreesOfFreedom}; beyond 30 the value of the next tabulated
   * smaller df (40: 2.0211, 60: 2.0003, 120: 1.9799), which errs on the wide side.
   */
  static double quantile975(int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1: " + degreesOfFreedom);
    }
    if (degreesOfFreedom <= QUANTILE_975.length) {
      return QUANTILE_975[degreesOfFreedom - 1];
    }
    if (degreesOfFreedom <= 40) {
      return 2.0423;
    }
    if (degreesOfFreedom <= 60) {
      return 2.0211;
    }
    if (degreesOfFreedom <= 120) {
      return 2.0003;
    }
    return 1.9799;
  }
}
