package dev.jouletrace.probe.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuTimeShareTest {
  private final ScriptedCpuTime cpu = new ScriptedCpuTime().set(5_000, 70_000);

  @Test
  void shareIsProcessOverBusyTimeOfEachWindow() {
    CpuTimeShare share = new CpuTimeShare(cpu);
    assertThat(share.share()).isEqualTo(0.0);
    cpu.add(1_000, 8_000);
    assertThat(share.closeWindow()).isEqualTo(0.125);
    cpu.add(6_000, 8_000);
    assertThat(share.closeWindow()).isEqualTo(0.75);
  }

  @Test
  void windowWithoutBusyTicksKeepsThePreviousShareAndWidens() {
    CpuTimeShare share = new CpuTimeShare(cpu);
    cpu.add(1_000, 2_000);
    assertThat(share.closeWindow()).isEqualTo(0.5);
    cpu.add(3_000, 0); // /proc/stat has not ticked yet
    assertThat(share.closeWindow()).isEqualTo(0.5);
    cpu.add(0, 4_000); // the widened window holds 3 000 of 4 000
    assertThat(share.closeWindow()).isEqualTo(0.75);
  }

  @Test
  void shareIsClampedToOneWhenClockGranularityOvershoots() {
    CpuTimeShare share = new CpuTimeShare(cpu);
    cpu.add(12_000, 10_000);
    assertThat(share.closeWindow()).isEqualTo(1.0);
  }

  @Test
  void unreadableBusyTimeKeepsTheShare() {
    CpuTimeShare share = new CpuTimeShare(cpu);
    cpu.add(1_000, 4_000);
    assertThat(share.closeWindow()).isEqualTo(0.25);
    cpu.busyFails(true).add(4_000, 4_000);
    assertThat(share.closeWindow()).isEqualTo(0.25);
    cpu.busyFails(false).add(0, 4_000); // the failed window folds into this one: 4 000 of 8 000
    assertThat(share.closeWindow()).isEqualTo(0.5);
  }
}
