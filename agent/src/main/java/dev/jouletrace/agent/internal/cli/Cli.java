package dev.jouletrace.agent.internal.cli;

import dev.jouletrace.agent.internal.AgentVersion;
import dev.jouletrace.agent.internal.Settings;
import dev.jouletrace.agent.internal.config.AgentConfig;
import dev.jouletrace.agent.internal.instrumentation.InstrumentationInstaller;
import dev.jouletrace.export.page.ReportCommand;
import dev.jouletrace.probe.Doctor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;

/** {@code java -jar jouletrace-agent.jar <command>}: version and usage, doctor, attach, report. */
public final class Cli {
  private Cli() {}

  /** Returns the process exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    switch (command) {
      case "doctor":
        {
          AgentConfig config = AgentConfig.load(null);
          int code = Doctor.run(Settings.probes(config), out, Duration.ofSeconds(1));
          out.println();
          out.println(
              InstrumentationInstaller.describeCache(
                  Settings.weaveCacheDir(config, System.getenv())));
          return code;
        }
      case "attach":
        return Attach.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      case "report":
        return ReportCommand.run(Arrays.asList(args).subList(1, args.length), out, err);
      case "version":
      case "--version":
        out.println("Jouletrace " + AgentVersion.get());
        return 0;
      case "help":
      case "--help":
      case "-h":
        out.print(usage());
        return 0;
      default:
        err.println("unknown command '" + command + "'");
        err.print(usage());
        return 2;
    }
  }

  static String usage() {
    return "Jouletrace "
        + AgentVersion.get()
        + ": energy and CO2 of every training epoch (DJL, DL4J)\n"
        + "\n"
        + "Attach to a training job at start-up:\n"
        + "  java -javaagent:jouletrace-agent.jar[=key=value,...] -cp app.jar com.example.Train\n"
        + "  (keys as in the README table, with or without the 'jouletrace.' prefix,\n"
        + "   e.g. =report.dir=/tmp/reports,location.country=FR,pue=1.2)\n"
        + "\n"
        + "Commands:\n"
        + "  java -jar jouletrace-agent.jar doctor\n"
        + "      every energy probe, its status, a 1-second reading and how to fix what is\n"
        + "      missing, and the weave cache; exit code 0 when something is measured, 1 when\n"
        + "      only estimated\n"
        + "  java -jar jouletrace-agent.jar attach <pid> [key=value,...]\n"
        + "      load the agent into a running JVM; training under way is picked up from its\n"
        + "      next epoch\n"
        + "  java -jar jouletrace-agent.jar report <report-folder>... [-o page.html]\n"
        + "      one page from report folders: a run's page again, or several runs'\n"
        + "      learning curves against energy compared\n"
        + "  java -jar jouletrace-agent.jar version\n"
        + "\n"
        + "Output: one line per epoch on standard error, a report folder under\n"
        + "./jouletrace-reports (report.json, report.html, epochs.csv, power.csv), and\n"
        + "spans to any OTLP backend when\n"
        + "OTEL_EXPORTER_OTLP_ENDPOINT (or otel.traces.exporter) is set.\n";
  }
}
