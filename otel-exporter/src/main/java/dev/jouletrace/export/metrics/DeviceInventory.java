package dev.jouletrace.export.metrics;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices this JVM is metered on, once on the resource rather than on every span or point: the
 * processor by the semantic conventions' {@code host.cpu.*} attributes, the GPUs and the metered
 * domains in the {@code jouletrace.} namespace (the conventions have no resource attribute for
 * them).
 */
public final class DeviceInventory {
  public static final AttributeKey<String> CPU_VENDOR_ID =
      AttributeKey.stringKey("host.cpu.vendor.id");
  public static final AttributeKey<String> CPU_MODEL_NAME =
      AttributeKey.stringKey("host.cpu.model.name");
  public static final AttributeKey<String> CPU_FAMILY = AttributeKey.stringKey("host.cpu.family");
  public static final AttributeKey<String> CPU_MODEL_ID =
      AttributeKey.stringKey("host.cpu.model.id");
  public static final AttributeKey<String> CPU_STEPPING =
      AttributeKey.stringKey("host.cpu.stepping");
  public static final AttributeKey<Long> GPU_COUNT = AttributeKey.longKey("jouletrace.gpu.count");
  public static final AttributeKey<List<String>> GPU_IDS =
      AttributeKey.stringArrayKey("jouletrace.gpu.ids");
  public static final AttributeKey<List<String>> GPU_MODELS =
      AttributeKey.stringArrayKey("jouletrace.gpu.models");
  public static final AttributeKey<List<String>> GPU_VENDORS =
      AttributeKey.stringArrayKey("jouletrace.gpu.vendors");
  public static final AttributeKey<List<String>> ENERGY_DOMAINS =
      AttributeKey.stringArrayKey("jouletrace.energy.domains");

  private DeviceInventory() {}

  /** The resource attributes for {@code domains} on {@code host}; empty values are left out. */
  public static Attributes attributes(List<EnergyDomain> domains, HostHardware host) {
    AttributesBuilder a = Attributes.builder();
    putIfKnown(a, CPU_VENDOR_ID, host.cpuVendorId());
    putIfKnown(a, CPU_MODEL_NAME, host.cpuModelName());
    putIfKnown(a, CPU_FAMILY, host.cpuFamily());
    putIfKnown(a, CPU_MODEL_ID, host.cpuModelId());
    putIfKnown(a, CPU_STEPPING, host.cpuStepping());
    List<String> ids = new ArrayList<>();
    List<String> models = new ArrayList<>();
    List<String> vendors = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (EnergyDomain d : domains) {
      all.add(d.id());
      if (d.kind() == DomainKind.GPU) {
        ids.add(d.id().startsWith("gpu:") ? d.id().substring(4) : d.id());
        models.add(d.model());
        vendors.add(d.vendor());
      }
    }
    a.put(GPU_COUNT, (long) ids.size());
    if (!ids.isEmpty()) {
      a.put(GPU_IDS, ids);
      a.put(GPU_MODELS, models);
      a.put(GPU_VENDORS, vendors);
    }
    if (!all.isEmpty()) {
      a.put(ENERGY_DOMAINS, all);
    }
    return a.build();
  }

  private static void putIfKnown(AttributesBuilder a, AttributeKey<String> key, String value) {
    if (!value.isEmpty()) {
      a.put(key, value);
    }
  }
}
