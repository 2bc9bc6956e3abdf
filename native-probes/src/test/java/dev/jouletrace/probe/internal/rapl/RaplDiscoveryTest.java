package dev.jouletrace.probe.internal.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import dev.jouletrace.probe.EnergyProbe;
import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.ProbeStatus.State;
import dev.jouletrace.probe.internal.Discovery;
import dev.jouletrace.probe.internal.ProbeContext;
import dev.jouletrace.probe.internal.cpu.ScriptedCpuTime;
import dev.jouletrace.probe.internal.sysfs.FaultySysfs;
import dev.jouletrace.probe.internal.sysfs.SysfsAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplDiscoveryTest {
  @TempDir Path tmp;

  private Discovery discover(Path root, SysfsAccess fs) {
    ProbeSettings s = ProbeSettings.builder().powercapRoot(root).build();
    return RaplDiscovery.discover(new ProbeContext(s, fs, new ScriptedCpuTime()));
  }

  private static List<String> ids(EnergyProbe p) {
    return p.domains().stream().map(EnergyDomain::id).collect(Collectors.toList());
  }

  @Test
  void twoSocketsWithHexIdsSumPackagesAndDramButNeverCoreOrUncore() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 1_000)
            .zone("intel-rapl:0:0", "core", FakePowercap.TYPICAL_RANGE_UJ, 2_000)
            .zone("intel-rapl:0:1", "uncore", FakePowercap.TYPICAL_RANGE_UJ, 3_000)
            .zone("intel-rapl:0:2", "dram", 65_712_999_613L, 4_000)
            .zone("intel-rapl:a", "package-10", FakePowercap.TYPICAL_RANGE_UJ, 5_000)
            .zone("intel-rapl:a:0", "dram", 65_712_999_613L, 6_000);

    Discovery d = discover(pc.root, SysfsAccess.real());

    assertThat(d.status().state()).isEqualTo(State.OK);
    EnergyProbe p = d.probes().get(0);
    assertThat(ids(p)).containsExactly("cpu:package-0", "cpu:package-10", "dram:0", "dram:10");
    assertThat(p.domains())
        .extracting(EnergyDomain::kind)
        .containsExactly(DomainKind.CPU, DomainKind.CPU, DomainKind.DRAM, DomainKind.DRAM);
    assertThat(p.domains()).allMatch(dom -> dom.method() == EnergyMethod.MEASURED);
    assertThat(d.status().detail()).contains("intel-rapl:0:0 (core)", "intel-rapl:0:1 (uncore)");

    pc.set("intel-rapl:0", 1_000 + 11_000_000);
    pc.set("intel-rapl:0:0", 2_000 + 999_000_000); // must not show up anywhere
    pc.set("intel-rapl:0:2", 4_000 + 3_000_000);
    pc.set("intel-rapl:a", 5_000 + 22_000_000);
    pc.set("intel-rapl:a:0", 6_000 + 4_000_000);
    double[] dev = new double[4];
    p.read(dev, new double[4]);
    assertThat(dev).containsExactly(11.0, 22.0, 3.0, 4.0);
    p.close();
  }

  @Test
  void psysIsNeverSummedWithPackages() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0)
            .zone("intel-rapl:1", "psys", FakePowercap.TYPICAL_RANGE_UJ, 0);

    Discovery d = discover(pc.root, SysfsAccess.real());

    assertThat(ids(d.probes().get(0))).containsExactly("cpu:package-0");
    assertThat(d.status().detail()).contains("intel-rapl:1 (psys): contains the packages");
    d.probes().get(0).close();
  }

  @Test
  void psysAloneIsUsedWhenNoPackageZoneIsReadable() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0)
            .zone("intel-rapl:1", "psys", FakePowercap.TYPICAL_RANGE_UJ, 100);
    FaultySysfs fs = new FaultySysfs().deny(pc.energyFile("intel-rapl:0"));

    Discovery d = discover(pc.root, fs);

    EnergyProbe p = d.probes().get(0);
    assertThat(ids(p)).containsExactly("psys:0");
    assertThat(p.domains().get(0).kind()).isEqualTo(DomainKind.PSYS);
    assertThat(d.status().detail()).contains("unreadable: " + pc.energyFile("intel-rapl:0"));
    assertThat(d.status().remedy()).contains("chmod a+r");
    pc.set("intel-rapl:1", 100 + 7_500_000);
    double[] dev = new double[1];
    p.read(dev, new double[1]);
    assertThat(dev[0]).isEqualTo(7.5);
    p.close();
  }

  @Test
  void mmioTwinOfAPackageIsDroppedWhileTheMsrZoneIsReadable() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl-mmio:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0)
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0);

    Discovery d = discover(pc.root, SysfsAccess.real());

    EnergyProbe p = d.probes().get(0);
    assertThat(ids(p)).containsExactly("cpu:package-0");
    assertThat(p.domains().get(0).device()).contains("intel-rapl:0").doesNotContain("mmio");
    assertThat(d.status().detail()).contains("intel-rapl-mmio:0 (package-0): duplicate of");
    pc.set("intel-rapl:0", 2_000_000);
    pc.set("intel-rapl-mmio:0", 2_000_000);
    double[] dev = new double[1];
    p.read(dev, new double[1]);
    assertThat(dev[0]).isEqualTo(2.0);
    p.close();
  }

  @Test
  void mmioTwinStandsInWhenTheMsrZoneIsDenied() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl-mmio:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0)
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0);
    FaultySysfs fs = new FaultySysfs().deny(pc.energyFile("intel-rapl:0"));

    Discovery d = discover(pc.root, fs);

    assertThat(ids(d.probes().get(0))).containsExactly("cpu:package-0");
    assertThat(d.probes().get(0).domains().get(0).device()).contains("intel-rapl-mmio:0");
    d.probes().get(0).close();
  }

  @Test
  void deniedEnergyFilesGivePermissionDeniedWithRemedy() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0)
            .zone("intel-rapl:0:0", "dram", FakePowercap.TYPICAL_RANGE_UJ, 0);
    FaultySysfs fs =
        new FaultySysfs().deny(pc.energyFile("intel-rapl:0")).deny(pc.energyFile("intel-rapl:0:0"));

    Discovery d = discover(pc.root, fs);

    assertThat(d.isOpen()).isFalse();
    assertThat(d.status().state()).isEqualTo(State.PERMISSION_DENIED);
    assertThat(d.status().detail())
        .startsWith(pc.energyFile("intel-rapl:0").toString())
        .contains("readable by root only since Linux 5.10 (CVE-2020-8694");
    assertThat(d.status().remedy())
        .contains("run the JVM as root")
        .contains("chmod a+r " + pc.root + "/intel-rapl:*/energy_uj")
        .contains("udev")
        .contains("bind-mount");
  }

  @Test
  void missingRootIsAbsentAndNamesThePath() {
    Path root = tmp.resolve("no-such-powercap");

    Discovery d = discover(root, SysfsAccess.real());

    assertThat(d.status().state()).isEqualTo(State.ABSENT);
    assertThat(d.status().detail()).isEqualTo(root + " does not exist");
    assertThat(d.status().remedy()).contains("modprobe intel_rapl_msr", "-v " + root);
  }

  @Test
  void rootWithoutZonesIsAbsent() {
    FakePowercap pc = new FakePowercap(tmp.resolve("powercap"));

    Discovery d = discover(pc.root, SysfsAccess.real());

    assertThat(d.status().state()).isEqualTo(State.ABSENT);
    assertThat(d.status().detail()).contains("has no RAPL zone");
  }

  @Test
  void onlyCoreZonesAreUnsupported() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "core", FakePowercap.TYPICAL_RANGE_UJ, 0);

    Discovery d = discover(pc.root, SysfsAccess.real());

    assertThat(d.status().state()).isEqualTo(State.UNSUPPORTED);
  }

  @Test
  void samplePeriodIsHalfTheWrapTimeAtFiveHundredWattsWithinTenMillisAndOneSecond() {
    FakePowercap pc =
        new FakePowercap(tmp.resolve("powercap"))
            .zone("intel-rapl:0", "package-0", 20_000_000, 0) // 20 J: 40 ms to wrap at 500 W
            .zone("intel-rapl:1", "package-1", FakePowercap.TYPICAL_RANGE_UJ, 0);
    Discovery d = discover(pc.root, SysfsAccess.real());
    assertThat(d.probes().get(0).maxSamplePeriod()).isEqualTo(Duration.ofMillis(20));
    d.probes().get(0).close();

    FakePowercap big =
        new FakePowercap(tmp.resolve("big"))
            .zone("intel-rapl:0", "package-0", FakePowercap.TYPICAL_RANGE_UJ, 0);
    Discovery d2 = discover(big.root, SysfsAccess.real());
    assertThat(d2.probes().get(0).maxSamplePeriod()).isEqualTo(Duration.ofSeconds(1));
    d2.probes().get(0).close();

    FakePowercap tiny =
        new FakePowercap(tmp.resolve("tiny")).zone("intel-rapl:0", "package-0", 1_000_000, 0);
    Discovery d3 = discover(tiny.root, SysfsAccess.real());
    assertThat(d3.probes().get(0).maxSamplePeriod()).isEqualTo(Duration.ofMillis(10));
    d3.probes().get(0).close();
  }

  @Test
  void zoneIdsParseAsHex() {
    assertThat(RaplZone.parseIds("intel-rapl:a")).containsExactly(10);
    assertThat(RaplZone.parseIds("intel-rapl:1f:2")).containsExactly(31, 2);
    assertThat(RaplZone.parseIds("intel-rapl")).isNull();
    assertThat(RaplZone.parseIds("intel-rapl:x")).isNull();
  }
}
