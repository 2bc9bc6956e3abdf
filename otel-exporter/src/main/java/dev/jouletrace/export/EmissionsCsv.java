package dev.jouletrace.export;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochAccount;
import dev.jouletrace.accounting.RunLedger;
import dev.jouletrace.accounting.carbon.CarbonIntensity;
import dev.jouletrace.accounting.carbon.IntensityLevel;
import dev.jouletrace.probe.DomainKind;
import dev.jouletrace.probe.EnergyDomain;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code emissions.csv}: one row per finished run with CodeCarbon's columns (v3.3.0, {@code
 * codecarbon/output_methods/emissions_data.py}), in its order, names and units (kg CO2e, kWh, W,
 * GB, seconds), so that CodeCarbon's dashboard and the scripts written for its file read our runs.
 * What Jouletrace does not know is left empty, never filled with a default. The file is replaced
 * atomically after each run, so a reader never sees half a row. Where our figures differ in meaning
 * from CodeCarbon's, docs/OTEL.md §5 says how.
 */
public final class EmissionsCsv implements RunListener {
  public static final String FILE = "emissions.csv";

  /** CodeCarbon 3.3.0's {@code EmissionsData} fields, in order. */
  public static final List<String> COLUMNS =
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

  /** CodeCarbon's {@code datetime.now().strftime("%Y-%m-%dT%H:%M:%S")}: local time. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private static final double JOULES_PER_KWH = 3.6e6;
  private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

  private final Path file;
  private final Machine machine;
  private final Consumer<String> problems;
  private final Map<Integer, double[]> energyByKind = new HashMap<>();
  private final List<String> rows = new ArrayList<>();
  private boolean warned;

  /** What is known of the machine and the job, the same for every run. */
  public static final class Machine {
    final String projectName;
    final String os;
    final int cpuCount;
    final String cpuModel;
    final List<EnergyDomain> domains;
    final long ramTotalBytes;
    final String cloudProvider;
    final String cloudRegion;

    /**
     * @param projectName the service name
     * @param ramTotalBytes physical memory, or a negative number when unknown
     * @param cloudProvider as configured, or null
     * @param cloudRegion as configured, or null
     */
    public Machine(
        String projectName,
        String os,
        int cpuCount,
        String cpuModel,
        List<EnergyDomain> domains,
        long ramTotalBytes,
        String cloudProvider,
        String cloudRegion) {
      this.projectName = projectName;
      this.os = os;
      this.cpuCount = cpuCount;
      this.cpuModel = cpuModel == null ? "" : cpuModel;
      this.domains = List.copyOf(domains);
      this.ramTotalBytes = ramTotalBytes;
      this.cloudProvider = cloudProvider == null ? "" : cloudProvider;
      this.cloudRegion = cloudRegion == null ? "" : cloudRegion;
    }
  }

  public EmissionsCsv(Path folder, Machine machine, Consumer<String> problems) {
    this.file = folder.resolve(FILE);
    this.machine = machine;
    this.problems = problems;
  }

  @Override
  public void runStarted(RunLedger run) {
    energyByKind.put(run.number(), new double[DomainKind.values().length]);
  }

  @Override
  public void epochFinished(RunLedger run, EpochAccount epoch) {
    add(
        energyByKind.computeIfAbsent(run.number(), n -> new double[DomainKind.values().length]),
        epoch.record().energy());
  }

  private static void add(double[] byKind, EnergyWindow window) {
    for (int i = 0; i < window.size(); i++) {
      byKind[window.domain(i).kind().ordinal()] += window.processJoules(i);
    }
  }

  @Override
  public void runFinished(RunLedger run) {
    double[] byKind = energyByKind.remove(run.number());
    if (byKind == null) {
      byKind = new double[DomainKind.values().length];
    }
    add(byKind, run.betweenEpochs());
    rows.add(row(run, byKind, UUID.randomUUID().toString()));
    write();
  }

  /** Every column of a run's row, by name; empty where not known. */
  Map<String, String> values(RunLedger run, double[] byKind, String runId) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String column : COLUMNS) {
      v.put(column, "");
    }
    double seconds = run.durationSeconds();
    double kg = run.co2OperationalGrams() / 1000;
    v.put("timestamp", TIMESTAMP.format(run.end().atZone(ZoneId.systemDefault())));
    v.put("project_name", machine.projectName);
    v.put("run_id", runId);
    v.put("duration", number(seconds));
    v.put("emissions", number(kg));
    if (seconds > 0) {
      v.put("emissions_rate", number(kg / seconds));
      v.put("cpu_power", number(byKind[DomainKind.CPU.ordinal()] / seconds));
      v.put("gpu_power", number(byKind[DomainKind.GPU.ordinal()] / seconds));
      v.put("ram_power", number(byKind[DomainKind.DRAM.ordinal()] / seconds));
    }
    v.put("cpu_energy", number(byKind[DomainKind.CPU.ordinal()] / JOULES_PER_KWH));
    v.put("gpu_energy", number(byKind[DomainKind.GPU.ordinal()] / JOULES_PER_KWH));
    v.put("ram_energy", number(byKind[DomainKind.DRAM.ordinal()] / JOULES_PER_KWH));
    v.put("energy_consumed", number(run.energyJoules() / JOULES_PER_KWH));
    location(run.lastIntensity(), v);
    v.put("cloud_provider", machine.cloudProvider);
    v.put("cloud_region", machine.cloudRegion);
    v.put("os", machine.os);
    if (machine.cpuCount > 0) {
      v.put("cpu_count", Integer.toString(machine.cpuCount));
    }
    v.put("cpu_model", machine.cpuModel);
    gpus(v);
    if (machine.ramTotalBytes > 0) {
      v.put("ram_total_size", number(machine.ramTotalBytes / BYTES_PER_GB));
    }
    // the figures are this JVM's share of each device, as CodeCarbon's process mode means
    v.put("tracking_mode", "process");
    if (!machine.cloudProvider.isEmpty()) {
      v.put("on_cloud", "Y");
    }
    if (run.lastPue() != null) {
      v.put("pue", number(run.lastPue().value()));
    }
    return v;
  }

  private String row(RunLedger run, double[] byKind, String runId) {
    StringBuilder line = new StringBuilder(512);
    for (String value : values(run, byKind, runId).values()) {
      if (line.length() > 0) {
        line.append(',');
      }
      cell(line, value);
    }
    return line.append('\n').toString();
  }

  /**
   * Country and region from the grid zone the intensity came from; nothing when it came from an
   * explicit figure, a file, or the world average.
   */
  private static void location(CarbonIntensity intensity, Map<String, String> v) {
    if (intensity == null) {
      return;
    }
    IntensityLevel level = intensity.level();
    if (level != IntensityLevel.COUNTRY
        && level != IntensityLevel.SUBNATIONAL
        && level != IntensityLevel.CLOUD_REGION
        && level != IntensityLevel.LIVE) {
      return;
    }
    String zone = intensity.zone();
    int dash = zone.indexOf('-');
    String country = dash < 0 ? zone : zone.substring(0, dash);
    if (country.length() != 2) {
      return;
    }
    Locale place = new Locale("", country.toUpperCase(Locale.ROOT));
    try {
      v.put("country_iso_code", place.getISO3Country());
      v.put("country_name", place.getDisplayCountry(Locale.ENGLISH));
    } catch (MissingResourceException e) {
      return;
    }
    if (dash > 0) {
      v.put("region", zone);
    }
  }

  /** {@code gpu_count} and CodeCarbon's {@code gpu_model} text: "2 x NVIDIA H100", by model. */
  private void gpus(Map<String, String> v) {
    Map<String, Integer> byModel = new LinkedHashMap<>();
    int count = 0;
    for (EnergyDomain d : machine.domains) {
      if (d.kind() == DomainKind.GPU) {
        count++;
        if (!d.model().isEmpty()) {
          byModel.merge(d.model(), 1, Integer::sum);
        }
      }
    }
    v.put("gpu_count", Integer.toString(count));
    List<String> models = new ArrayList<>();
    byModel.forEach((model, n) -> models.add(n + " x " + model));
    v.put("gpu_model", String.join(", ", models));
  }

  private void write() {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write((String.join(",", COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8));
        for (String row : rows) {
          out.write(row.getBytes(StandardCharsets.UTF_8));
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      warned = false;
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        warned = true;
        problems.accept(
            "cannot write " + file + " (" + e + "); it is written again after the next run");
      }
    }
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "";
  }

  private static void cell(StringBuilder line, String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
      line.append('"').append(value.replace("\"", "\"\"")).append('"');
    } else {
      line.append(value);
    }
  }

  @Override
  public void close(long deadlineNanos) {}
}
