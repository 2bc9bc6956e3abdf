package dev.jouletrace.probe.internal.nvml;

/** nvmlReturn_t codes Jouletrace acts on (nvml.h:1299-1315). */
final class NvmlReturn {
  static final int SUCCESS = 0;
  static final int UNINITIALIZED = 1;
  static final int INVALID_ARGUMENT = 2;
  static final int NOT_SUPPORTED = 3;
  static final int NO_PERMISSION = 4;
  static final int NOT_FOUND = 6;
  static final int INSUFFICIENT_SIZE = 7;
  static final int DRIVER_NOT_LOADED = 9;
  static final int LIBRARY_NOT_FOUND = 12;
  static final int FUNCTION_NOT_FOUND = 13;
  static final int GPU_IS_LOST = 15;

  private NvmlReturn() {}

  static String name(int rc) {
    switch (rc) {
      case SUCCESS:
        return "SUCCESS";
      case UNINITIALIZED:
        return "UNINITIALIZED";
      case INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
      case NOT_SUPPORTED:
        return "NOT_SUPPORTED";
      case NO_PERMISSION:
        return "NO_PERMISSION";
      case NOT_FOUND:
        return "NOT_FOUND";
      case INSUFFICIENT_SIZE:
        return "INSUFFICIENT_SIZE";
      case DRIVER_NOT_LOADED:
        return "DRIVER_NOT_LOADED";
      case LIBRARY_NOT_FOUND:
        return "LIBRARY_NOT_FOUND";
      case FUNCTION_NOT_FOUND:
        return "FUNCTION_NOT_FOUND";
      case GPU_IS_LOST:
        return "GPU_IS_LOST";
      default:
        return "NVML error " + rc;
    }
  }
}
