// Compares Jouletrace's NVML probe with an independent reading of the same NVML energy counter,
// over windows of 0.1 s, 1 s and 10 s. Run on a machine with an NVIDIA GPU (see README.md here):
//   java -cp agent/target/agent-staging/jouletrace-agent-impl.jar \
//     scripts/validation/NvmlWindowCheck.java <label> [repeats]
// It prints one CSV row per window: label,window_s,gpu,probe_j,independent_j,diff_pct.
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.jouletrace.probe.DiscoveredProbes;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.Probes;
import java.util.Locale;

public class NvmlWindowCheck {
  /** A second binding, interface-mapped, that shares no code with the probe's direct mapping. */
  public interface RawNvml extends Library {
    int nvmlInit_v2();

    int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);
  }

  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? args[0] : "run";
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    RawNvml raw = Native.load("libnvidia-ml.so.1", RawNvml.class);
    check(raw.nvmlInit_v2(), "nvmlInit_v2");
    try (DiscoveredProbes found = Probes.discover(ProbeSettings.defaults())) {
      EnergyProbe nvml =
          found.probes().stream().filter(p -> p.name().equals("nvml")).findFirst().orElseThrow(
              () -> new IllegalStateException("no NVML probe: " + found.statuses()));
      int n = nvml.domains().size();
      Pointer[] handles = new Pointer[n];
      for (int i = 0; i < n; i++) {
        EnergyDomain d = nvml.domains().get(i);
        PointerByReference h = new PointerByReference();
        check(raw.nvmlDeviceGetHandleByUUID(d.id().substring("gpu:".length()), h), d.id());
        handles[i] = h.getValue();
      }
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          nvml.sample();
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      System.out.println("label,window_s,gpu,method,probe_j,independent_j,diff_pct");
      double[] dev0 = new double[n], proc0 = new double[n], dev1 = new double[n], proc1 = new double[n];
      for (double window : new double[] {0.1, 1.0, 10.0}) {
        for (int r = 0; r < repeats; r++) {
          long[] raw0 = counters(raw, handles);
          nvml.read(dev0, proc0);
          Thread.sleep((long) (window * 1000));
          long[] raw1 = counters(raw, handles);
          nvml.read(dev1, proc1);
          for (int i = 0; i < n; i++) {
            double probe = dev1[i] - dev0[i];
            double independent = (raw1[i] - raw0[i]) / 1000.0;
            System.out.printf(Locale.ROOT, "%s,%.1f,%s,%s,%.3f,%.3f,%.3f%n", label, window,
                nvml.domains().get(i).id(), nvml.domains().get(i).method().label(), probe,
                independent, independent == 0 ? Double.NaN : 100 * (probe - independent) / independent);
          }
        }
      }
      sampler.interrupt();
    }
  }

  private static long[] counters(RawNvml raw, Pointer[] handles) {
    long[] mj = new long[handles.length];
    for (int i = 0; i < handles.length; i++) {
      LongByReference v = new LongByReference();
      check(raw.nvmlDeviceGetTotalEnergyConsumption(handles[i], v), "energy");
      mj[i] = v.getValue();
    }
    return mj;
  }

  private static void check(int code, String what) {
    if (code != 0) {
      throw new IllegalStateException(what + " returned nvmlReturn_t " + code);
    }
  }
}
