package dev.jouletrace.agent.internal.config;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Every {@code jouletrace.*} configuration key, in the order the README's table lists them. A key
 * is read from the agent arguments, then the {@code jouletrace.*} system property, then the {@code
 * JOULETRACE_*} environment variable; OpenTelemetry's own {@code otel.*} keys go to the SDK.
 */
public final class ConfigKeys {
  static final String PREFIX = "jouletrace.";

  /** Pattern of the per-instrumentation switches; {@code <name>} is an instrumentation's name. */
  public static final String INSTRUMENTATION_SWITCH = "jouletrace.instrumentation.<name>.enabled";

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.of(
          "jouletrace.enabled",
          "true",
          true,
          "true or false",
          "Switches the agent off entirely; the training runs untouched.",
          ValueParsers::bool);

  public static final ConfigKey<Path> REPORT_DIR =
      ConfigKey.of(
          "jouletrace.report.dir",
          "./jouletrace-reports",
          Paths.get("jouletrace-reports"),
          "a directory path",
          "Where the local report goes: one subfolder per JVM with report.json and epochs.csv.",
          ValueParsers::path);

  public static final ConfigKey<List<String>> REPORT_FORMATS =
      ConfigKey.of(
          "jouletrace.report.formats",
          "json,csv,html",
          List.of("json", "csv", "html"),
          "a comma-separated list of json, csv, html, or none",
          "Which local report files to write (html: one page with charts); `none` writes none.",
          ValueParsers.listOf("json", "csv", "html", "none"));

  public static final ConfigKey<Boolean> CONSOLE =
      ConfigKey.of(
          "jouletrace.console",
          "true",
          true,
          "true or false",
          "Print one line per finished epoch and a summary per run on standard error.",
          ValueParsers::bool);

  public static final ConfigKey<Double> CARBON_INTENSITY =
      ConfigKey.of(
          "jouletrace.carbon.intensity",
          "resolved from location, else the world average",
          null,
          "a number of gCO2e/kWh between 0 and 2000",
          "Explicit grid carbon intensity in gCO2e/kWh; overrides every other source.",
          ValueParsers.number(0, 2000));

  public static final ConfigKey<Path> CARBON_INTENSITY_FILE =
      ConfigKey.of(
          "jouletrace.carbon.intensity.file",
          "none",
          null,
          "a path to a CSV file of timestamp,g_per_kwh rows",
          "Hourly carbon-intensity time series; each epoch uses the mean over the hours it spans.",
          ValueParsers::path);

  public static final ConfigKey<String> CARBON_LIVE_TOKEN =
      ConfigKey.of(
          "jouletrace.carbon.live.token",
          "none (live intensity off)",
          null,
          "an Electricity Maps API token",
          "Turns on the live grid intensity of the resolved zone from the Electricity Maps API.",
          ValueParsers::nonEmpty);

  public static final ConfigKey<URI> CARBON_LIVE_URL =
      ConfigKey.of(
          "jouletrace.carbon.live.url",
          "https://api.electricitymap.org/v3",
          URI.create("https://api.electricitymap.org/v3"),
          "an http or https URL",
          "Base URL of the live intensity API (only contacted when a token is set).",
          ValueParsers::httpUri);

  public static final ConfigKey<Integer> CARBON_LIVE_CACHE_MINUTES =
      ConfigKey.of(
          "jouletrace.carbon.live.cache_minutes",
          "15",
          15,
          "an integer number of minutes between 1 and 1440",
          "How long a live intensity answer is reused before asking again.",
          ValueParsers.integer(1, 1440));

  public static final ConfigKey<String> LOCATION_COUNTRY =
      ConfigKey.of(
          "jouletrace.location.country",
          "none",
          null,
          "an ISO 3166-1 alpha-2 code, optionally with -region (e.g. FR, US-CA)",
          "Where the electricity is drawn, for the grid carbon intensity.",
          ValueParsers::nonEmpty);

  public static final ConfigKey<String> CLOUD_PROVIDER =
      ConfigKey.of(
          "jouletrace.cloud.provider",
          "none",
          null,
          "aws, gcp or azure",
          "Cloud provider, for its region's grid intensity and its published PUE.",
          ValueParsers.oneOf("aws", "gcp", "azure"));

  public static final ConfigKey<String> CLOUD_REGION =
      ConfigKey.of(
          "jouletrace.cloud.region",
          "from AWS_REGION and similar variables",
          null,
          "a provider region name (e.g. eu-west-3, europe-west9, swedencentral)",
          "Cloud region, used with jouletrace.cloud.provider.",
          ValueParsers::nonEmpty);

  public static final ConfigKey<Double> PUE =
      ConfigKey.of(
          "jouletrace.pue",
          "the provider's figure, else 1.56",
          null,
          "a number between 1.0 and 3.0",
          "Data-centre power usage effectiveness multiplied into operational CO2.",
          ValueParsers.number(1.0, 3.0));

  public static final ConfigKey<Double> EMBODIED_LIFETIME_YEARS =
      ConfigKey.of(
          "jouletrace.embodied.lifetime.years",
          "4",
          4.0,
          "a number of years between 0.5 and 20",
          "Hardware lifetime over which embodied emissions are amortised (SCI / CCF convention).",
          ValueParsers.number(0.5, 20));

  public static final ConfigKey<Double> EMBODIED_SERVER_KG =
      ConfigKey.of(
          "jouletrace.embodied.server.kg",
          "900",
          900.0,
          "a number of kgCO2e between 0 and 100000",
          "Embodied emissions of the server without its GPUs (Boavizta default rack server).",
          ValueParsers.number(0, 100_000));

  public static final ConfigKey<Double> EMBODIED_SERVER_SHARE =
      ConfigKey.of(
          "jouletrace.embodied.server.share",
          "1",
          1.0,
          "a number between 0 and 1",
          "Share of the server this job is charged for (e.g. cores used / cores on a shared host).",
          ValueParsers.number(0, 1));

  public static final ConfigKey<Integer> SAMPLER_INTERVAL_MS =
      ConfigKey.of(
          "jouletrace.sampler.interval_ms",
          "1000",
          1000,
          "an integer number of milliseconds between 10 and 60000",
          "Period of the background power sampler (shortened automatically where a probe needs it).",
          ValueParsers.integer(10, 60_000));

  public static final ConfigKey<Double> CPU_WATTS_PER_CORE =
      ConfigKey.of(
          "jouletrace.cpu.watts_per_core",
          "12",
          12.0,
          "a number of watts between 0.1 and 500",
          "Power of one fully busy core in the CPU estimate used when RAPL cannot be read.",
          ValueParsers.number(0.1, 500));

  public static final ConfigKey<Path> POWERCAP_ROOT =
      ConfigKey.of(
          "jouletrace.probes.powercap.root",
          "/sys/class/powercap",
          Paths.get("/sys/class/powercap"),
          "a directory path",
          "Root of the RAPL powercap tree (change it only to read a copied or mounted tree).",
          ValueParsers::path);

  public static final ConfigKey<String> CACHE_DIR =
      ConfigKey.of(
          "jouletrace.cache.dir",
          "$XDG_CACHE_HOME/jouletrace, else ~/.cache/jouletrace",
          "",
          "a directory path, or none",
          "Where woven framework classes are kept for the next run of the same agent and framework"
              + " versions (start-up without Byte Buddy); `none` keeps none. Must belong to the"
              + " user and be writable by no one else.",
          ValueParsers::pathOrNone);

  public static final ConfigKey<Integer> FORECAST_AFTER_EPOCHS =
      ConfigKey.of(
          "jouletrace.forecast.after_epochs",
          "1",
          1,
          "an integer between 1 and 1000",
          "Epochs to observe before forecasting a run's total energy, CO2 and duration.",
          ValueParsers.integer(1, 1000));

  public static final ConfigKey<Double> RUN_IDLE_TIMEOUT_S =
      ConfigKey.of(
          "jouletrace.run.idle_timeout_s",
          "300",
          300.0,
          "a number of seconds between 0 and 86400 (0: never)",
          "A run without an end call (a user loop of epochs, a DJL trainer never closed) ends after"
              + " this long without a batch; 0 waits for the next run, collection or JVM exit.",
          ValueParsers.number(0, 86_400));

  public static final ConfigKey<Double> RUN_WINDOW_S =
      ConfigKey.of(
          "jouletrace.run.window_s",
          "60",
          60.0,
          "a number of seconds between 0 and 86400 (0: never)",
          "Training without epoch calls (repeated minibatch fits) is cut into epochs at each pass"
              + " over the same data; when the data never comes round again, every this many"
              + " seconds.",
          ValueParsers.number(0, 86_400));

  public static final ConfigKey<Integer> EXIT_TIMEOUT_MS =
      ConfigKey.of(
          "jouletrace.exit.timeout_ms",
          "2000",
          2000,
          "an integer number of milliseconds between 100 and 60000",
          "How long the agent may hold the JVM's exit to end open epochs, write the report and"
              + " flush spans; what is not done by then is said on the console.",
          ValueParsers.integer(100, 60_000));

  public static final ConfigKey<String> BATCH_SPANS =
      ConfigKey.of(
          "jouletrace.batch.spans",
          "off",
          "off",
          "off, sampled or all",
          "Measure single training batches too: `sampled` the first of each epoch and every 100th,"
              + " `all` every one (two meter reads per batch); batches are always counted.",
          ValueParsers.oneOf("off", "sampled", "all"));

  public static final ConfigKey<String> TARGETS =
      ConfigKey.of(
          "jouletrace.targets",
          "none",
          null,
          "comma-separated class#method[(parameter types)]:role entries, role one of run, epoch,"
              + " step, validation",
          "More methods to measure, for any framework or hand-written loop (see Instrumentations).",
          ValueParsers::nonEmpty);

  public static final ConfigKey<String> TARGETS_FRAMEWORK =
      ConfigKey.of(
          "jouletrace.targets.framework",
          "custom",
          "custom",
          "a short name such as mxnet or my-loop",
          "Framework name reported for runs found through jouletrace.targets.",
          ValueParsers::nonEmpty);

  public static final ConfigKey<Boolean> DEBUG =
      ConfigKey.of(
          "jouletrace.debug",
          "false",
          false,
          "true or false",
          "Log every transformation and lifecycle event on standard error.",
          ValueParsers::bool);

  public static final ConfigKey<String> OTEL_PARENT =
      ConfigKey.of(
          "jouletrace.otel.parent",
          "the TRACEPARENT environment variable",
          null,
          "a W3C traceparent, 00-<32 hex>-<16 hex>-<2 hex>",
          "Span every run of this JVM is a child of (over TRACEPARENT), so that many JVMs share one"
              + " trace.",
          ValueParsers::traceparent);

  public static final ConfigKey<List<Path>> OTEL_EXTENSIONS =
      ConfigKey.of(
          "jouletrace.otel.extensions",
          "none",
          null,
          "a comma-separated list of jar paths",
          "Jars of further OpenTelemetry exporters, samplers or span processors, found through the"
              + " SDK's SPI (see OpenTelemetry).",
          ValueParsers::paths);

  public static final ConfigKey<Boolean> OTEL_RESOURCE_PROCESS_DETAILS =
      ConfigKey.of(
          "jouletrace.otel.resource.process_details",
          "false",
          false,
          "true or false",
          "Keep the command line, executable path and user name on the OpenTelemetry resource"
              + " (dropped by default: they can hold secrets).",
          ValueParsers::bool);

  /** Every key, in documentation order. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          REPORT_DIR,
          REPORT_FORMATS,
          CONSOLE,
          CARBON_INTENSITY,
          CARBON_INTENSITY_FILE,
          CARBON_LIVE_TOKEN,
          CARBON_LIVE_URL,
          CARBON_LIVE_CACHE_MINUTES,
          LOCATION_COUNTRY,
          CLOUD_PROVIDER,
          CLOUD_REGION,
          PUE,
          EMBODIED_LIFETIME_YEARS,
          EMBODIED_SERVER_KG,
          EMBODIED_SERVER_SHARE,
          SAMPLER_INTERVAL_MS,
          CPU_WATTS_PER_CORE,
          POWERCAP_ROOT,
          CACHE_DIR,
          FORECAST_AFTER_EPOCHS,
          RUN_IDLE_TIMEOUT_S,
          RUN_WINDOW_S,
          EXIT_TIMEOUT_MS,
          BATCH_SPANS,
          TARGETS,
          TARGETS_FRAMEWORK,
          OTEL_PARENT,
          OTEL_EXTENSIONS,
          OTEL_RESOURCE_PROCESS_DETAILS,
          DEBUG);

  private ConfigKeys() {}
}
