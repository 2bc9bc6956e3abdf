package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One way of reading a GPU's power, chosen at discovery: field 186 (instant), field 185 (1 s
 * average, Ampere except GA100, and newer) or {@code nvmlDeviceGetPowerUsage}. Field values go
 * through a reused 40-byte {@code nvmlFieldValue_t} and each value's own {@code nvmlReturn} is
 * checked, since the call succeeds when any value was filled (nvml.h:10230; docs/PROBES.md §1.3).
 */
final class PowerReading {
  static final int FIELD_POWER_AVERAGE = 185;
  static final int FIELD_POWER_INSTANT = 186;
  // nvmlFieldValue_t offsets (x86-64, docs/PROBES.md §1.4).
  static final int FIELD_VALUE_SIZE = 40;
  private static final int OFF_FIELD_ID = 0;
  private static final int OFF_SCOPE_ID = 4;
  private static final int OFF_VALUE_TYPE = 24;
  private static final int OFF_RETURN = 28;
  private static final int OFF_VALUE = 32;
  // nvmlValueType_t (nvml.h:648-660).
  private static final int TYPE_DOUBLE = 0;
  private static final int TYPE_UINT = 1;
  private static final int TYPE_ULONG = 2;
  private static final int TYPE_ULL = 3;
  private static final int TYPE_SLL = 4;
  private static final int TYPE_SINT = 5;

  private final NvmlLibrary nvml;
  private final Pointer device;
  private final int field; // 0: nvmlDeviceGetPowerUsage
  private final Memory value = new Memory(FIELD_VALUE_SIZE);
  private final int[] milliwatts = new int[1];

  private PowerReading(NvmlLibrary nvml, Pointer device, int field) {
    this.nvml = nvml;
    this.device = device;
    this.field = field;
  }

  /** The first route that yields a reading now, or null. Instant power first: it is unsmoothed. */
  static PowerReading find(NvmlLibrary nvml, Pointer device) {
    for (int field : new int[] {FIELD_POWER_INSTANT, FIELD_POWER_AVERAGE, 0}) {
      PowerReading r = new PowerReading(nvml, device, field);
      if (!Double.isNaN(r.watts())) {
        return r;
      }
    }
    return null;
  }

  /** Power in W, or NaN when this reading failed. */
  double watts() {
    if (field == 0) {
      if (nvml.powerUsage(device, milliwatts) != NvmlReturn.SUCCESS) {
        return Double.NaN;
      }
      return (milliwatts[0] & 0xFFFFFFFFL) / 1000.0;
    }
    value.setInt(OFF_FIELD_ID, field);
    value.setInt(OFF_SCOPE_ID, 0); // NVML_POWER_SCOPE_GPU
    value.setInt(OFF_RETURN, NvmlReturn.NOT_SUPPORTED);
    int rc = nvml.fieldValues(device, 1, value);
    if (rc != NvmlReturn.SUCCESS || value.getInt(OFF_RETURN) != NvmlReturn.SUCCESS) {
      return Double.NaN;
    }
    double mw;
    switch (value.getInt(OFF_VALUE_TYPE)) {
      case TYPE_DOUBLE:
        mw = value.getDouble(OFF_VALUE);
        break;
      case TYPE_UINT:
        mw = value.getInt(OFF_VALUE) & 0xFFFFFFFFL;
        break;
      case TYPE_SINT:
        mw = value.getInt(OFF_VALUE);
        break;
      case TYPE_ULONG:
      case TYPE_ULL:
      case TYPE_SLL:
        mw = value.getLong(OFF_VALUE);
        break;
      default:
        return Double.NaN;
    }
    return mw / 1000.0;
  }

  String describe() {
    switch (field) {
      case FIELD_POWER_INSTANT:
        return "instant power (field 186)";
      case FIELD_POWER_AVERAGE:
        return "1 s average power (field 185)";
      default:
        return "power (nvmlDeviceGetPowerUsage)";
    }
  }
}
