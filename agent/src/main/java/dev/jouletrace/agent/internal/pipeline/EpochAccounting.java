package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.carbon.DeviceDescriptor;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.probe.EnergyDomain;
import java.time.Duration;
import java.time.Instant;
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

  /**
   * The carbon of a run's energy between its epochs: at the intensity over the run, embodied
   * emissions over the time not inside an epoch; null when nothing was charged there.
   */
  EpochCarbon carbonBetween(RunLedger run, RunEnd end) {
    double joules = end.betweenEpochs().processTotal();
    if (end.betweenEpochs().size() == 0) {
      return null;
    }
    Instant start = run.start().start();
    double runSeconds = Duration.between(start, end.end()).toNanos() / 1e9;
    double seconds = Math.max(0, runSeconds - run.epochSeconds());
    return carbon.account(
        joules, start, end.end(), Duration.ofNanos((long) (seconds * 1e9)), devices);
  }

  EpochCarbon carbonOf(EpochRecord epoch) {
    // an epoch that spans clock hours weighs each hour of an intensity series by its energy
    // (the slices are this JVM's: a Spark driver's epoch with executors is accounted whole)
    return epoch.hourSlices().size() > 1 && epoch.executors().isEmpty()
        ? carbon.account(epoch.hourSlices(), devices)
        : carbon.account(epoch.energyJoules(), epoch.start(), epoch.end(), devices);
  }
}
