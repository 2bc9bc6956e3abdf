package dev.jouletrace.probe.internal.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * This JVM's share of one GPU per sampler window, from {@code nvmlDeviceGetProcessUtilization}: our
 * SM-utilisation samples ÷ all processes' samples since the last window, applied to the board's
 * whole energy (docs/PROBES.md §1.5; Kepler applies the same SM share to active power only).
 * Windows without samples fall back to the compute-process list: alone → 1, one of n → 1/n, absent
 * → 0, no process at all → the previous share.
 *
 * <p>NVML reports host PIDs. In a container with its own PID namespace none of them exists in our
 * {@code /proc}; then this JVM is assumed to be one of the n compute processes (1/n), rather than
 * charged nothing.
 */
final class GpuProcessShare {
  static final String ATTRIBUTION = "process-sm-utilisation-share";
  // nvmlProcessUtilizationSample_t: pid@0 timeStamp@8 smUtil@16, 32 bytes.
  private static final int SAMPLE_SIZE = 32;
  // nvmlProcessInfo_t (v2 layout, used by _v3): pid@0, 24 bytes.
  private static final int INFO_SIZE = 24;
  private static final int INITIAL_CAPACITY = 64;

  private final NvmlLibrary nvml;
  private final Pointer device;
  private final long ourPid;
  private final LongPredicate pidVisible;
  private Memory samples = new Memory((long) SAMPLE_SIZE * INITIAL_CAPACITY);
  private Memory infos = new Memory((long) INFO_SIZE * INITIAL_CAPACITY);
  private final int[] count = new int[1];
  private long lastSeenUs;
  private double share;
  private String basis = "no window closed yet";

  GpuProcessShare(NvmlLibrary nvml, Pointer device, long ourPid, LongPredicate pidVisible) {
    this.nvml = nvml;
    this.device = device;
    this.ourPid = ourPid;
    this.pidVisible = pidVisible;
  }

  /** Whether the driver offers anything to attribute with. */
  boolean supported() {
    return nvml.has(NvmlLibrary.Group.PROCESS_UTILIZATION)
        || nvml.has(NvmlLibrary.Group.COMPUTE_RUNNING_PROCESSES);
  }

  double closeWindow() {
    Map<Long, Long> smByPid = smSamplesSinceLastWindow();
    long[] pids = computeProcesses();
    boolean foreignNamespace = isForeignNamespace(smByPid, pids);
    long total = 0;
    for (long sm : smByPid.values()) {
      total += sm;
    }
    if (total > 0 && !foreignNamespace) {
      Long ours = smByPid.get(ourPid);
      share = ours == null ? 0.0 : (double) ours / (double) total;
      basis = "SM utilisation samples";
    } else if (pids != null && pids.length > 0) {
      boolean present = foreignNamespace;
      for (long pid : pids) {
        present |= pid == ourPid;
      }
      share = present ? 1.0 / pids.length : 0.0;
      basis =
          foreignNamespace
              ? "1/" + pids.length + " compute processes (PID namespace differs from NVML's)"
              : "compute-process list";
    } else if (total > 0) {
      share = 1.0 / smByPid.size();
      basis = "1/" + smByPid.size() + " sampled processes (PID namespace differs from NVML's)";
    }
    return share;
  }

  double share() {
    return share;
  }

  String basis() {
    return basis;
  }

  private Map<Long, Long> smSamplesSinceLastWindow() {
    Map<Long, Long> byPid = new HashMap<>();
    for (int attempt = 0; attempt < 2; attempt++) {
      count[0] = (int) (samples.size() / SAMPLE_SIZE);
      int rc = nvml.processUtilization(device, samples, count, lastSeenUs);
      if (rc == NvmlReturn.INSUFFICIENT_SIZE && count[0] > samples.size() / SAMPLE_SIZE) {
        samples = new Memory((long) SAMPLE_SIZE * count[0]);
        continue;
      }
      if (rc != NvmlReturn.SUCCESS) {
        return byPid; // NOT_FOUND: no sample newer than lastSeenUs
      }
      long newest = lastSeenUs;
      for (int i = 0; i < count[0]; i++) {
        long off = (long) i * SAMPLE_SIZE;
        long pid = samples.getInt(off) & 0xFFFFFFFFL;
        long ts = samples.getLong(off + 8);
        long sm = samples.getInt(off + 16) & 0xFFFFFFFFL;
        if (ts > lastSeenUs) {
          byPid.merge(pid, sm, Long::sum);
          newest = Math.max(newest, ts);
        }
      }
      lastSeenUs = newest;
      return byPid;
    }
    return byPid;
  }

  private long[] computeProcesses() {
    for (int attempt = 0; attempt < 2; attempt++) {
      count[0] = (int) (infos.size() / INFO_SIZE);
      int rc = nvml.computeRunningProcesses(device, count, infos);
      if (rc == NvmlReturn.INSUFFICIENT_SIZE && count[0] > infos.size() / INFO_SIZE) {
        infos = new Memory((long) INFO_SIZE * count[0]);
        continue;
      }
      if (rc != NvmlReturn.SUCCESS) {
        return null;
      }
      long[] pids = new long[count[0]];
      for (int i = 0; i < pids.length; i++) {
        pids[i] = infos.getInt((long) i * INFO_SIZE) & 0xFFFFFFFFL;
      }
      return pids;
    }
    return null;
  }

  /** True when NVML lists processes, ours is not among them, and none of them exists here. */
  private boolean isForeignNamespace(Map<Long, Long> smByPid, long[] pids) {
    boolean any = false;
    if (smByPid.containsKey(ourPid)) {
      return false;
    }
    for (long pid : smByPid.keySet()) {
      any = true;
      if (pidVisible.test(pid)) {
        return false;
      }
    }
    if (pids != null) {
      for (long pid : pids) {
        any = true;
        if (pid == ourPid || pidVisible.test(pid)) {
          return false;
        }
      }
    }
    return any;
  }
}
