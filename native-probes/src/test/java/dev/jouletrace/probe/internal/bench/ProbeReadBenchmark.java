package dev.jouletrace.probe.internal.bench;

import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.amdsmi.AmdSmiDiscovery;
import dev.jouletrace.probe.internal.amdsmi.FakeAmdSmi;
import dev.jouletrace.probe.internal.cpu.CpuEstimateProbe;
import dev.jouletrace.probe.internal.cpu.CpuTimeSources;
import dev.jouletrace.probe.internal.cpu.HostCpuTimeSource;
import dev.jouletrace.probe.internal.nvml.FakeNvml;
import dev.jouletrace.probe.internal.nvml.NvmlDiscovery;
import dev.jouletrace.probe.internal.rapl.RaplDiscovery;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Cost of one {@code EnergyProbe.read()}, the call made on the training thread at every epoch
 * boundary: RAPL on a fake sysfs tree (two packages + two DRAM zones, as on a two-socket server),
 * NVML against the fake libnvidia-ml.so.1 (energy-counter path), AMD SMI against the fake
 * libamd_smi.so (two GPUs' energy counters), and the CPU estimate. Run by hand, see
 * docs/BENCHMARKS.md; never part of {@code mvn verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProbeReadBenchmark {
  private Path tree;
  private EnergyProbe rapl;
  private EnergyProbe nvml;
  private EnergyProbe amdsmi;
  private EnergyProbe estimate;
  private final double[] device = new double[4];
  private final double[] process = new double[4];

  @Setup(Level.Trial)
  public void open() throws IOException {
    tree = Files.createTempDirectory("jouletrace-bench");
    Path powercap = tree.resolve("powercap");
    zone(powercap, "intel-rapl:0", "package-0");
    zone(powercap, "intel-rapl:0:0", "dram");
    zone(powercap, "intel-rapl:1", "package-1");
    zone(powercap, "intel-rapl:1:0", "dram");
    ProbeSettings settings =
        ProbeSettings.builder()
            .powercapRoot(powercap)
            .nvmlLibrary(FakeNvml.LIBRARY.toString())
            .amdSmiLibrary(FakeAmdSmi.LIBRARY.toString())
            .build();
    ProbeContext ctx = new ProbeContext(settings, SysfsAccess.real(), CpuTimeSources.of(settings));
    rapl = RaplDiscovery.discover(ctx).probes().get(0);

    FakeNvml.Control fake = FakeNvml.control();
    fake.fake_add_device(
        "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6", "A100", "00000000:07:00.0", 8, 0);
    fake.fake_set_energy(0, 1_000_000, 0);
    nvml = NvmlDiscovery.discover(ctx).probes().get(0);

    FakeAmdSmi.Control amd = FakeAmdSmi.control();
    amd.fake_amd_add_gpu(0, 0, 0x03, 0, 0, "a1ff74a1-0000-1000-80ff-c9e2a3b4c5d6");
    amd.fake_amd_add_gpu(1, 0, 0x83, 0, 0, "b2ff74a1-0000-1000-80ff-d8e7f6a5b4c3");
    amd.fake_amd_set_energy(0, 1_000_000, 15.3f, 0);
    amd.fake_amd_set_energy(1, 2_000_000, 15.3f, 0);
    amdsmi = AmdSmiDiscovery.discover(ctx).probes().get(0);

    estimate = new CpuEstimateProbe(HostCpuTimeSource.visibleCpus(settings), 12.0);
  }

  private static void zone(Path root, String dir, String name) throws IOException {
    Path z = root.resolve(dir);
    Files.createDirectories(z);
    Files.writeString(z.resolve("name"), name + "\n");
    Files.writeString(z.resolve("max_energy_range_uj"), "262143328850\n");
    Files.writeString(z.resolve("energy_uj"), "123456789012\n");
  }

  @TearDown(Level.Trial)
  public void close() {
    rapl.close();
    nvml.close();
    amdsmi.close();
    estimate.close();
  }

  @Benchmark
  public void raplTwoSocketsRead(Blackhole bh) {
    rapl.read(device, process);
    bh.consume(device);
  }

  @Benchmark
  public void nvmlEnergyCounterRead(Blackhole bh) {
    nvml.read(device, process);
    bh.consume(device);
  }

  @Benchmark
  public void amdsmiTwoGpusRead(Blackhole bh) {
    amdsmi.read(device, process);
    bh.consume(device);
  }

  @Benchmark
  public void nvmlSample() {
    nvml.sample();
  }

  @Benchmark
  public void cpuEstimateRead(Blackhole bh) {
    estimate.read(device, process);
    bh.consume(device);
  }

  @Benchmark
  public void raplSample() {
    rapl.sample();
  }

  /** Entry point: a short run (2 cores are shared with other builds), with allocation profiling. */
  public static void main(String[] args) throws RunnerException {
    Options opts =
        new OptionsBuilder()
            .include(ProbeReadBenchmark.class.getName())
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler(GCProfiler.class)
            .build();
    new Runner(opts).run();
  }
}
