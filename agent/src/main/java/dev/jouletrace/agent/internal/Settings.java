package dev.jouletrace.agent.internal;

import dev.jouletrace.accounting.carbon.CarbonSettings;
import dev.jouletrace.accounting.carbon.EmbodiedSettings;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.config.ConfigKeys;
import dev.jouletrace.export.ReportFormat;
import dev.jouletrace.probe.ProbeSettings;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the agent's configuration onto the settings of the probes and of the carbon model. */
public final class Settings {
  private Settings() {}

  public static ProbeSettings probes(AgentConfig config) {
    return ProbeSettings.builder()
        .powercapRoot(config.get(ConfigKeys.POWERCAP_ROOT))
        .cpuWattsPerCore(config.get(ConfigKeys.CPU_WATTS_PER_CORE))
        .build();
  }

  /** Where woven classes are kept between runs; null for {@code none} or no home folder. */
  public static Path weaveCacheDir(AgentConfig config, Map<String, String> env) {
    String dir = config.get(ConfigKeys.CACHE_DIR);
    if (dir.equals("none")) {
      return null;
    }
    if (!dir.isEmpty()) {
      return Paths.get(dir);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Paths.get(xdg).isAbsolute()) {
      return Paths.get(xdg, "jouletrace");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isEmpty() ? null : Paths.get(home, ".cache", "jouletrace");
  }

  /** The report files to write; empty for {@code none}. */
  public static Set<ReportFormat> reportFormats(AgentConfig config) {
    Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
    List<String> labels = config.get(ConfigKeys.REPORT_FORMATS);
    if (!labels.contains("none")) {
      for (ReportFormat f : ReportFormat.values()) {
        if (labels.contains(f.label())) {
          formats.add(f);
        }
      }
    }
    return formats;
  }

  public static CarbonSettings carbon(AgentConfig config) {
    return CarbonSettings.builder()
        .explicitIntensity(config.get(ConfigKeys.CARBON_INTENSITY))
        .intensityFile(config.get(ConfigKeys.CARBON_INTENSITY_FILE))
        .country(config.get(ConfigKeys.LOCATION_COUNTRY))
        .cloudProvider(config.get(ConfigKeys.CLOUD_PROVIDER))
        .cloudRegion(config.get(ConfigKeys.CLOUD_REGION))
        .pue(config.get(ConfigKeys.PUE))
        .embodied(
            EmbodiedSettings.builder()
                .lifetimeYears(config.get(ConfigKeys.EMBODIED_LIFETIME_YEARS))
                .serverKg(config.get(ConfigKeys.EMBODIED_SERVER_KG))
                .serverShare(config.get(ConfigKeys.EMBODIED_SERVER_SHARE))
                .build())
        .live(
            config.get(ConfigKeys.CARBON_LIVE_TOKEN),
            config.get(ConfigKeys.CARBON_LIVE_URL),
            Duration.ofMinutes(config.get(ConfigKeys.CARBON_LIVE_CACHE_MINUTES)))
        .environment(System.getenv())
        .build();
  }
}
