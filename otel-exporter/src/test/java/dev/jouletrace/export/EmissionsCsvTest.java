package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.RunEnd;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.RunStatus;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import dev.jouletrace.probe.EnergyMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** emissions.csv against CodeCarbon 3.3.0's column list, with the figures of a known run. */
class EmissionsCsvTest {
  /**
   * The fields of {@code EmissionsData} in codecarbon/output_methods/emissions_data.py (3.3.0), in
   * declaration order: the header CodeCarbon writes and its tools read.
   */
  private static final List<String> CODECARBON_3_3_COLUMNS =
      List.of(
          "timestamp",
          "project_name",
          "run_id",
          "experiment_id",
          "duration",
          "emissions",
          "emissions_rate",
          "cpu_power",
          "gpu_power",
          "ram_power",
          "cpu_energy",
          "gpu_energy",
          "ram_energy",
          "energy_consumed",
          "water_consumed",
          "country_name",
          "country_iso_code",
          "region",
          "cloud_provider",
          "cloud_region",
          "os",
          "python_version",
          "codecarbon_version",
          "cpu_count",
          "cpu_model",
          "gpu_count",
          "gpu_model",
          "longitude",
          "latitude",
          "ram_total_size",
          "tracking_mode",
          "cpu_utilization_percent",
          "gpu_utilization_percent",
          "ram_utilization_percent",
          "ram_used_gb",
          "on_cloud",
          "pue",
          "wue");

  @TempDir Path dir;

  @Test
  void theHeaderIsCodeCarbonsColumnListInOrder() throws IOException {
    writeRuns(1);

    List<String> lines = Files.readAllLines(dir.resolve("emissions.csv"), StandardCharsets.UTF_8);
    assertThat(List.of(lines.get(0).split(",", -1))).isEqualTo(CODECARBON_3_3_COLUMNS);
    assertThat(lines.get(1).split(",", -1)).hasSize(CODECARBON_3_3_COLUMNS.size());
  }

  @Test
  void aRunsFiguresAreInCodeCarbonsUnitsAndTheUnknownLeftEmpty() throws IOException {
    writeRuns(1);

    Map<String, String> row = rows().get(0);
    // two epochs of 3.6e6 J (1 kWh each) over a run of 30 s; 400 g/kWh × PUE 1.5 = 600 g each
    assertThat(row.get("project_name")).isEqualTo("my-training");
    assertThat(row.get("duration")).isEqualTo("30.0");
    assertThat(Double.parseDouble(row.get("emissions"))).isEqualTo(1.2);
    assertThat(Double.parseDouble(row.get("emissions_rate"))).isEqualTo(1.2 / 30);
    assertThat(row.get("cpu_energy")).isEqualTo("2.0");
    assertThat(row.get("gpu_energy")).isEqualTo("0.0");
    assertThat(row.get("ram_energy")).isEqualTo("0.0");
    assertThat(row.get("energy_consumed")).isEqualTo("2.0");
    assertThat(row.get("cpu_power")).isEqualTo("240000.0");
    assertThat(row.get("country_iso_code")).isEqualTo("FRA");
    assertThat(row.get("country_name")).isEqualTo("France");
    assertThat(row.get("region")).isEmpty();
    assertThat(row.get("os")).isEqualTo("Linux-6.1-amd64");
    assertThat(row.get("cpu_count")).isEqualTo("16");
    assertThat(row.get("cpu_model")).isEqualTo("Test CPU");
    assertThat(row.get("gpu_count")).isEqualTo("2");
    assertThat(row.get("gpu_model")).isEqualTo("2 x NVIDIA H200");
    assertThat(row.get("ram_total_size")).isEqualTo("64.0");
    assertThat(row.get("tracking_mode")).isEqualTo("process");
    assertThat(row.get("pue")).isEqualTo("1.5");
    assertThat(row.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    assertThat(row.get("run_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-.*");
    for (String unknown :
        List.of(
            "experiment_id",
            "water_consumed",
            "cloud_provider",
            "cloud_region",
            "python_version",
            "codecarbon_version",
            "longitude",
            "latitude",
            "cpu_utilization_percent",
            "gpu_utilization_percent",
            "ram_utilization_percent",
            "ram_used_gb",
            "on_cloud",
            "wue")) {
      assertThat(row.get(unknown)).as(unknown).isEmpty();
    }
  }

  @Test
  void eachRunAddsOneRowAndNoTemporaryFileIsLeft() throws IOException {
    writeRuns(3);

    List<Map<String, String>> rows = rows();
    assertThat(rows).hasSize(3);
    assertThat(rows).extracting(r -> r.get("run_id")).doesNotHaveDuplicates();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("emissions.csv");
    }
  }

  private void writeRuns(int count) {
    List<EnergyDomain> domains =
        List.of(
            EnergyDomain.of("cpu:package-0", DomainKind.CPU, "z", EnergyMethod.MEASURED, "s"),
            EnergyDomain.of("gpu:GPU-a", DomainKind.GPU, "d", EnergyMethod.MEASURED, "s")
                .withHardware("NVIDIA", "NVIDIA H200"),
            EnergyDomain.of("gpu:GPU-b", DomainKind.GPU, "d", EnergyMethod.MEASURED, "s")
                .withHardware("NVIDIA", "NVIDIA H200"));
    EmissionsCsv csv =
        new EmissionsCsv(
            dir,
            new EmissionsCsv.Machine(
                "my-training",
                "Linux-6.1-amd64",
                16,
                "Test CPU",
                domains,
                64L * 1024 * 1024 * 1024,
                null,
                null),
            problem -> {
              throw new AssertionError(problem);
            });
    for (int n = 0; n < count; n++) {
      RunLedger run = Records.run("dl4j", 2, false);
      csv.runStarted(run);
      for (int i = 0; i < 2; i++) {
        csv.epochFinished(run, Records.add(run, Records.epoch(i, 3.6e6, EnergyMethod.MEASURED)));
      }
      run.finish(new RunEnd(1, RunStatus.COMPLETED, Records.T0.plusSeconds(30), null));
      csv.runFinished(run);
    }
  }

  private List<Map<String, String>> rows() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("emissions.csv"), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }
}
