package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.carbon.DeviceDescriptor;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.probe.EnergyDomain;
import java.util.ArrayList;
import java.util.List;

/** The carbon of a measured epoch: operational CO2 of its energy plus amortised embodied CO2. */
final class EpochAccounting {
  private final CarbonModel carbon;
  private final List<DeviceDescriptor> devices;

  EpochAccounting(CarbonModel carbon, List<EnergyDomain> domains) {
    this.carbon = carbon;
    List<DeviceDescriptor> list = new ArrayList<>();
    for (EnergyDomain d : domains) {
      list.add(DeviceDescriptor.fromDomain(d.id(), d.device()));
    }
    this.devices = List.copyOf(list);
  }

  EpochCarbon carbonOf(EpochRecord epoch) {
    // an epoch that spans clock hours weighs each hour of an intensity series by its energy
    return epoch.hourSlices().size() > 1
        ? carbon.account(epoch.hourSlices(), devices)
        : carbon.account(epoch.energyJoules(), epoch.start(), epoch.end(), devices);
  }
}
