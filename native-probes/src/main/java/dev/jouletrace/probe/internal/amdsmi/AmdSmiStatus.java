package dev.jouletrace.probe.internal.amdsmi;

/** {@code amdsmi_status_t} codes Jouletrace names (ROCm/amdsmi amdsmi.h). */
final class AmdSmiStatus {
  static final int SUCCESS = 0;
  static final int INVAL = 1;
  static final int NOT_SUPPORTED = 2;
  static final int NOT_YET_IMPLEMENTED = 3;
  static final int FAIL_LOAD_MODULE = 4;
  static final int FAIL_LOAD_SYMBOL = 5;
  static final int DRM_ERROR = 6;
  static final int API_FAILED = 7;
  static final int NO_PERM = 10;
  static final int INIT_ERROR = 18;
  static final int NOT_FOUND = 31;
  static final int NOT_INIT = 32;
  static final int INSUFFICIENT_SIZE = 41;

  /** Not an AMD SMI code: the symbol is missing from this library version. */
  static final int FUNCTION_NOT_FOUND = -2;

  private AmdSmiStatus() {}

  /** e.g. {@code AMDSMI_STATUS_NOT_SUPPORTED (2)}. */
  static String name(int rc) {
    String n;
    switch (rc) {
      case SUCCESS:
        n = "SUCCESS";
        break;
      case INVAL:
        n = "INVAL";
        break;
      case NOT_SUPPORTED:
        n = "NOT_SUPPORTED";
        break;
      case NOT_YET_IMPLEMENTED:
        n = "NOT_YET_IMPLEMENTED";
        break;
      case FAIL_LOAD_MODULE:
        n = "FAIL_LOAD_MODULE";
        break;
      case FAIL_LOAD_SYMBOL:
        n = "FAIL_LOAD_SYMBOL";
        break;
      case DRM_ERROR:
        n = "DRM_ERROR";
        break;
      case API_FAILED:
        n = "API_FAILED";
        break;
      case NO_PERM:
        n = "NO_PERM";
        break;
      case INIT_ERROR:
        n = "INIT_ERROR";
        break;
      case NOT_FOUND:
        n = "NOT_FOUND";
        break;
      case NOT_INIT:
        n = "NOT_INIT";
        break;
      case INSUFFICIENT_SIZE:
        n = "INSUFFICIENT_SIZE";
        break;
      case FUNCTION_NOT_FOUND:
        return "symbol missing from this AMD SMI version";
      default:
        return "AMD SMI status " + (rc & 0xFFFFFFFFL);
    }
    return "AMDSMI_STATUS_" + n + " (" + rc + ")";
  }
}
