package dev.jouletrace.agent.internal.export;

import dev.jouletrace.accounting.DomainEnergy;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.SubWindow;
import dev.jouletrace.accounting.carbon.CarbonModel;
import dev.jouletrace.accounting.carbon.DeviceDescriptor;
import dev.jouletrace.accounting.carbon.EpochCarbon;
import dev.jouletrace.agent.internal.lifecycle.BatchWindow;
import dev.jouletrace.agent.internal.lifecycle.EpochMeasurement;
import dev.jouletrace.agent.internal.lifecycle.ValidationWindow;
import dev.jouletrace.probe.EnergyDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a measured epoch into an accounted one: energy by domain plus operational and embodied CO2.
 */
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

  EpochRecord account(EpochMeasurement m) {
    EpochRecord.Builder b =
        EpochRecord.builder()
            .runNumber(m.runNumber)
            .framework(m.framework)
            .index(m.index)
            .status(m.status)
            .window(m.start, m.end)
            .batches(m.batches)
            .trainLoss(m.trainLoss())
            .trainAccuracy(m.trainAccuracy())
            .validationLoss(m.validationLoss())
            .validationAccuracy(m.validationAccuracy())
            .lastBatchLoss(m.lastBatchLoss())
            .samples(m.samples >= 0 ? m.samples : null)
            .shared(m.shared, EpochMeasurement.SHARE_RULE)
            .validations(validations(m))
            .batchWindows(batchWindows(m))
            .domains(m.energy);
    // an epoch that spans clock hours weighs each hour of an intensity series by its energy
    EpochCarbon c =
        m.hourSlices.size() > 1
            ? carbon.account(m.hourSlices, devices)
            : carbon.account(DomainEnergy.processTotal(m.energy), m.start, m.end, devices);
    return b.carbon(c.intensity(), c.pue()).co2EmbodiedGrams(c.embodiedGrams()).build();
  }

  private static List<SubWindow> validations(EpochMeasurement m) {
    List<SubWindow> out = new ArrayList<>(m.validations.size());
    for (ValidationWindow v : m.validations) {
      out.add(SubWindow.validation(v.start, v.end, v.batches, v.status, v.energy));
    }
    return out;
  }

  private static List<SubWindow> batchWindows(EpochMeasurement m) {
    List<SubWindow> out = new ArrayList<>(m.batchWindows.size());
    for (BatchWindow w : m.batchWindows) {
      out.add(SubWindow.batch(w.index, w.start, w.end, w.loss, w.energy));
    }
    return out;
  }
}
