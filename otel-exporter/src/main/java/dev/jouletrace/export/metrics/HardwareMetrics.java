package dev.jouletrace.export.metrics;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The metrics, per the OpenTelemetry hardware semantic conventions (v1.44, development status) for
 * the devices and in the {@code jouletrace.} namespace for this JVM's share and its CO2e. All are
 * asynchronous: the metric reader's thread reads the values the meter and the accounting already
 * keep, at each collection; nothing is done on the training thread. Attributes are fixed per domain
 * (no per-run or per-epoch attribute), so the number of series is the number of domains.
 *
 * <p>A whole-platform domain (RAPL psys) is reported only as {@code hw.host.energy} and {@code
 * hw.host.power}, never as {@code hw.energy}, as the conventions require, so that no sum over
 * {@code hw.energy} counts the host twice. Each instrument is documented in docs/OTEL.md §1.
 */
public final class HardwareMetrics {
  public static final String HW_ENERGY = "hw.energy";
  public static final String HW_POWER = "hw.power";
  public static final String HW_HOST_ENERGY = "hw.host.energy";
  public static final String HW_HOST_POWER = "hw.host.power";
  public static final String PROCESS_ENERGY = "jouletrace.process.energy";
  public static final String CO2 = "jouletrace.co2";

  public static final AttributeKey<String> HW_ID = AttributeKey.stringKey("hw.id");
  public static final AttributeKey<String> HW_TYPE = AttributeKey.stringKey("hw.type");
  public static final AttributeKey<String> HW_NAME = AttributeKey.stringKey("hw.name");
  public static final AttributeKey<String> HW_VENDOR = AttributeKey.stringKey("hw.vendor");
  public static final AttributeKey<String> HW_MODEL = AttributeKey.stringKey("hw.model");
  public static final AttributeKey<String> ENERGY_METHOD =
      AttributeKey.stringKey("jouletrace.energy.method");
  public static final AttributeKey<String> CO2_KIND = AttributeKey.stringKey("jouletrace.co2.kind");

  private final List<EnergyDomain> domains;
  private final Supplier<EnergySnapshot> readings;
  private final CarbonTotals carbon;
  private final Attributes[] deviceAttributes;
  private final Attributes[] processAttributes;
  private EnergySnapshot previous;

  /** Each device's power as last shown; NaN before a second reading gave one. */
  private final double[] lastWatts;

  private HardwareMetrics(
      List<EnergyDomain> domains,
      Supplier<EnergySnapshot> readings,
      CarbonTotals carbon,
      HostHardware host) {
    this.domains = List.copyOf(domains);
    this.readings = readings;
    this.carbon = carbon;
    this.deviceAttributes = new Attributes[domains.size()];
    this.processAttributes = new Attributes[domains.size()];
    this.lastWatts = new double[domains.size()];
    Arrays.fill(lastWatts, Double.NaN);
    for (int i = 0; i < domains.size(); i++) {
      deviceAttributes[i] = deviceAttributes(domains.get(i), host);
      processAttributes[i] =
          Attributes.builder()
              .put(HW_ID, domains.get(i).id())
              .put(HW_TYPE, hwType(domains.get(i).kind()))
              .put(ENERGY_METHOD, domains.get(i).method().label())
              .build();
    }
    this.previous = readings.get();
  }

  /**
   * Registers the instruments on {@code meter}.
   *
   * @param domains the meter's domains, in the order of its readings
   * @param readings the meter's latest reading (null before any)
   * @param carbon the CO2e accounted so far
   * @return the callback's registration, closed with the SDK
   */
  public static BatchCallback register(
      Meter meter,
      List<EnergyDomain> domains,
      Supplier<EnergySnapshot> readings,
      CarbonTotals carbon,
      HostHardware host) {
    HardwareMetrics metrics = new HardwareMetrics(domains, readings, carbon, host);
    ObservableDoubleMeasurement energy =
        meter
            .counterBuilder(HW_ENERGY)
            .ofDoubles()
            .setUnit("J")
            .setDescription("Energy consumed by the component.")
            .buildObserver();
    ObservableDoubleMeasurement power =
        meter
            .gaugeBuilder(HW_POWER)
            .setUnit("W")
            .setDescription(
                "Mean power of the component since the previous collection, from its energy.")
            .buildObserver();
    ObservableDoubleMeasurement hostEnergy =
        meter
            .counterBuilder(HW_HOST_ENERGY)
            .ofDoubles()
            .setUnit("J")
            .setDescription("Total energy consumed by the entire physical host.")
            .buildObserver();
    ObservableDoubleMeasurement hostPower =
        meter
            .gaugeBuilder(HW_HOST_POWER)
            .setUnit("W")
            .setDescription("Mean power of the entire physical host since the previous collection.")
            .buildObserver();
    ObservableDoubleMeasurement process =
        meter
            .counterBuilder(PROCESS_ENERGY)
            .ofDoubles()
            .setUnit("J")
            .setDescription("Energy of each device charged to this JVM.")
            .buildObserver();
    ObservableDoubleMeasurement co2 =
        meter
            .counterBuilder(CO2)
            .ofDoubles()
            .setUnit("g")
            .setDescription("CO2e accounted for this JVM's training, in grams.")
            .buildObserver();
    return meter.batchCallback(
        () -> metrics.observe(energy, power, hostEnergy, hostPower, process, co2),
        energy,
        power,
        hostEnergy,
        hostPower,
        process,
        co2);
  }

  /** One collection: the latest reading's counters, and power since the previous collection. */
  synchronized void observe(
      ObservableDoubleMeasurement energy,
      ObservableDoubleMeasurement power,
      ObservableDoubleMeasurement hostEnergy,
      ObservableDoubleMeasurement hostPower,
      ObservableDoubleMeasurement process,
      ObservableDoubleMeasurement co2) {
    EnergySnapshot now = readings.get();
    if (now != null && now.size() == domains.size()) {
      EnergySnapshot before = previous;
      double seconds = before == null ? 0 : (now.epochNanos() - before.epochNanos()) / 1e9;
      for (int i = 0; i < domains.size(); i++) {
        boolean host = domains.get(i).kind() == DomainKind.PSYS;
        (host ? hostEnergy : energy).record(now.deviceJoules(i), deviceAttributes[i]);
        if (seconds > 0) {
          lastWatts[i] = Math.max(0, now.deviceJoules(i) - before.deviceJoules(i)) / seconds;
        }
        // no newer reading since the previous collection (the one at exit, often): the gauge keeps
        // the power it last showed rather than dropping out of that collection
        if (!Double.isNaN(lastWatts[i])) {
          (host ? hostPower : power).record(lastWatts[i], deviceAttributes[i]);
        }
        process.record(now.processJoules(i), processAttributes[i]);
      }
      if (before == null || seconds > 0) {
        previous = now;
      }
    }
    for (EnergyMethod method : EnergyMethod.values()) {
      double operational = carbon.operationalGrams(method);
      double embodied = carbon.embodiedGrams(method);
      if (operational > 0 || embodied > 0) {
        co2.record(operational, co2Attributes(method, "operational"));
        co2.record(embodied, co2Attributes(method, "embodied"));
      }
    }
  }

  private static Attributes co2Attributes(EnergyMethod method, String kind) {
    return Attributes.of(ENERGY_METHOD, method.label(), CO2_KIND, kind);
  }

  /**
   * {@code hw.type}: {@code cpu}, {@code memory} (DRAM), {@code gpu}; the whole platform is the
   * host, reported by the {@code hw.host.*} metrics.
   */
  static String hwType(DomainKind kind) {
    switch (kind) {
      case CPU:
        return "cpu";
      case DRAM:
        return "memory";
      case GPU:
        return "gpu";
      case PSYS:
      default:
        return "host";
    }
  }

  static Attributes deviceAttributes(EnergyDomain domain, HostHardware host) {
    String vendor = domain.vendor();
    String model = domain.model();
    if (domain.kind() == DomainKind.CPU && vendor.isEmpty() && model.isEmpty()) {
      vendor = host.cpuVendor();
      model = host.cpuModelName();
    }
    AttributesBuilder a =
        Attributes.builder()
            .put(HW_ID, domain.id())
            .put(HW_NAME, model.isEmpty() ? domain.id() : model)
            .put(ENERGY_METHOD, domain.method().label());
    if (domain.kind() != DomainKind.PSYS) {
      a.put(HW_TYPE, hwType(domain.kind()));
    }
    if (!vendor.isEmpty()) {
      a.put(HW_VENDOR, vendor);
    }
    if (!model.isEmpty()) {
      a.put(HW_MODEL, model);
    }
    return a.build();
  }
}
