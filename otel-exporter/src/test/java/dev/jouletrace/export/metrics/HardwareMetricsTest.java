package dev.jouletrace.export.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instruments as a metric reader collects them: device energy and power per the hardware
 * conventions, the whole platform only as {@code hw.host.*}, this JVM's share, fixed attributes.
 */
class HardwareMetricsTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_800_000_000L * SECOND;

  private static final EnergyDomain PACKAGE =
      EnergyDomain.of(
          "cpu:package-0", DomainKind.CPU, "zone", EnergyMethod.MEASURED, "process-cpu-time-share");
  private static final EnergyDomain DRAM =
      EnergyDomain.of("dram:0", DomainKind.DRAM, "zone", EnergyMethod.MEASURED, "share");
  private static final EnergyDomain GPU =
      EnergyDomain.of("gpu:GPU-1234", DomainKind.GPU, "H200", EnergyMethod.MEASURED, "per-process")
          .withHardware("NVIDIA", "NVIDIA H200");
  private static final EnergyDomain PSYS =
      EnergyDomain.of("psys:0", DomainKind.PSYS, "zone", EnergyMethod.MEASURED, "share");

  @TempDir Path dir;

  @Test
  void devicesReportEnergyAndMeanPowerSinceThePreviousCollection() throws IOException {
    AtomicReference<EnergySnapshot> latest =
        new AtomicReference<>(
            new EnergySnapshot(T0, new double[] {100, 10, 1000}, new double[] {50, 5, 400}));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    HardwareMetrics.register(
        provider.get("test"), List.of(PACKAGE, DRAM, GPU), latest::get, new CarbonTotals(), host());

    latest.set(
        new EnergySnapshot(
            T0 + 2 * SECOND, new double[] {160, 14, 1800}, new double[] {80, 7, 700}));
    Map<String, MetricData> first = byName(reader.collectAllMetrics());

    assertThat(points(first.get("hw.energy")))
        .containsEntry("cpu:package-0", 160.0)
        .containsEntry("dram:0", 14.0)
        .containsEntry("gpu:GPU-1234", 1800.0);
    assertThat(first.get("hw.energy").getType()).isEqualTo(MetricDataType.DOUBLE_SUM);
    assertThat(first.get("hw.energy").getDoubleSumData().isMonotonic()).isTrue();
    assertThat(first.get("hw.energy").getUnit()).isEqualTo("J");
    // (160 − 100) J / 2 s, (14 − 10) / 2, (1800 − 1000) / 2
    assertThat(points(first.get("hw.power")))
        .containsEntry("cpu:package-0", 30.0)
        .containsEntry("dram:0", 2.0)
        .containsEntry("gpu:GPU-1234", 400.0);
    assertThat(first.get("hw.power").getType()).isEqualTo(MetricDataType.DOUBLE_GAUGE);
    assertThat(first.get("hw.power").getUnit()).isEqualTo("W");
    assertThat(points(first.get("jouletrace.process.energy")))
        .containsEntry("cpu:package-0", 80.0)
        .containsEntry("gpu:GPU-1234", 700.0);
    assertThat(first).doesNotContainKeys("hw.host.energy", "hw.host.power", "jouletrace.co2");

    latest.set(
        new EnergySnapshot(
            T0 + 6 * SECOND, new double[] {200, 18, 3000}, new double[] {90, 8, 900}));
    Map<String, MetricData> second = byName(reader.collectAllMetrics());
    // power over the 4 s since the previous collection: (200 − 160) / 4
    assertThat(points(second.get("hw.power"))).containsEntry("cpu:package-0", 10.0);
    assertThat(points(second.get("hw.power"))).containsEntry("gpu:GPU-1234", 300.0);

    // no newer reading (the collection at exit, right after the last one): the power stays shown
    Map<String, MetricData> third = byName(reader.collectAllMetrics());
    assertThat(points(third.get("hw.power")))
        .containsEntry("cpu:package-0", 10.0)
        .containsEntry("gpu:GPU-1234", 300.0);
  }

  @Test
  void eachDeviceCarriesItsIdTypeAndWhatIsKnownOfIt() throws IOException {
    AtomicReference<EnergySnapshot> latest =
        new AtomicReference<>(
            new EnergySnapshot(T0, new double[] {1, 1, 1}, new double[] {1, 1, 1}));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    HardwareMetrics.register(
        provider.get("test"), List.of(PACKAGE, DRAM, GPU), latest::get, new CarbonTotals(), host());

    Map<String, Attributes> attributes = new HashMap<>();
    for (DoublePointData p :
        byName(reader.collectAllMetrics()).get("hw.energy").getDoubleSumData().getPoints()) {
      attributes.put(p.getAttributes().get(HardwareMetrics.HW_ID), p.getAttributes());
    }

    assertThat(attributes.get("gpu:GPU-1234").asMap())
        .containsEntry(HardwareMetrics.HW_TYPE, "gpu")
        .containsEntry(HardwareMetrics.HW_VENDOR, "NVIDIA")
        .containsEntry(HardwareMetrics.HW_MODEL, "NVIDIA H200")
        .containsEntry(HardwareMetrics.HW_NAME, "NVIDIA H200")
        .containsEntry(HardwareMetrics.ENERGY_METHOD, "measured");
    // a RAPL package is the host's processor, as /proc/cpuinfo names it
    assertThat(attributes.get("cpu:package-0").asMap())
        .containsEntry(HardwareMetrics.HW_TYPE, "cpu")
        .containsEntry(HardwareMetrics.HW_VENDOR, "Intel")
        .containsEntry(HardwareMetrics.HW_MODEL, "Intel(R) Xeon(R) Platinum 8480+");
    assertThat(attributes.get("dram:0").asMap())
        .containsEntry(HardwareMetrics.HW_TYPE, "memory")
        .containsEntry(HardwareMetrics.HW_NAME, "dram:0")
        .doesNotContainKeys(HardwareMetrics.HW_VENDOR, HardwareMetrics.HW_MODEL);
  }

  @Test
  void theWholePlatformIsReportedOnlyAsTheHost() throws IOException {
    AtomicReference<EnergySnapshot> latest =
        new AtomicReference<>(new EnergySnapshot(T0, new double[] {0, 0}, new double[] {0, 0}));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    HardwareMetrics.register(
        provider.get("test"), List.of(PSYS, GPU), latest::get, new CarbonTotals(), host());
    latest.set(new EnergySnapshot(T0 + SECOND, new double[] {90, 300}, new double[] {45, 300}));

    Map<String, MetricData> metrics = byName(reader.collectAllMetrics());

    assertThat(points(metrics.get("hw.host.energy"))).containsExactly(Map.entry("psys:0", 90.0));
    assertThat(points(metrics.get("hw.host.power"))).containsExactly(Map.entry("psys:0", 90.0));
    assertThat(points(metrics.get("hw.energy"))).containsOnlyKeys("gpu:GPU-1234");
    assertThat(points(metrics.get("hw.power"))).containsOnlyKeys("gpu:GPU-1234");
  }

  @Test
  void noReadingYetReportsNothing() throws IOException {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    HardwareMetrics.register(
        provider.get("test"), List.of(PACKAGE), () -> null, new CarbonTotals(), host());

    assertThat(reader.collectAllMetrics()).isEmpty();
  }

  private HostHardware host() throws IOException {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(
        cpuinfo,
        "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\n"
            + "model name\t: Intel(R) Xeon(R) Platinum 8480+\nstepping\t: 8\n\n"
            + "processor\t: 1\nvendor_id\t: GenuineIntel\n");
    return HostHardware.fromCpuInfo(cpuinfo);
  }

  private static Map<String, MetricData> byName(Collection<MetricData> metrics) {
    Map<String, MetricData> map = new HashMap<>();
    for (MetricData m : metrics) {
      map.put(m.getName(), m);
    }
    return map;
  }

  /** Each point's value by its {@code hw.id}. */
  private static Map<String, Double> points(MetricData metric) {
    Map<String, Double> map = new HashMap<>();
    Collection<? extends io.opentelemetry.sdk.metrics.data.PointData> points =
        metric.getData().getPoints();
    for (io.opentelemetry.sdk.metrics.data.PointData p : points) {
      map.put(p.getAttributes().get(HardwareMetrics.HW_ID), ((DoublePointData) p).getValue());
    }
    return map;
  }
}
