package dev.jouletrace.export.page;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report <report-folder>… [-o page.html]}: one page from one or more report folders read
 * from disk. With one folder it is that JVM's page again (written to its {@code report.html} unless
 * {@code -o} says otherwise); with several, their runs compared.
 */
public final class ReportCommand {
  /** Where a comparison goes without {@code -o}. */
  static final String COMPARISON_FILE = "jouletrace-comparison.html";

  public static final String USAGE =
      "usage: java -jar jouletrace-agent.jar report <report-folder>... [-o page.html]\n"
          + "  renders one page from report folders (./jouletrace-reports/<time>-pid<pid>/):\n"
          + "  one folder: its runs' page again, into <folder>/report.html by default;\n"
          + "  several: their learning curves against energy compared, into ./"
          + COMPARISON_FILE
          + " by default\n";

  private ReportCommand() {}

  /** Returns the exit code: 0 written, 1 the page could not be written, 2 wrong arguments. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<Path> folders = new ArrayList<>();
    Path output = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") || a.equals("--output")) {
        if (i + 1 >= args.size() || output != null) {
          return usage(err, output != null ? "-o is given twice" : "-o needs a file name");
        }
        output = Paths.get(args.get(++i));
      } else if (a.equals("-h") || a.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else if (a.startsWith("-")) {
        return usage(err, "unknown option '" + a + "'");
      } else {
        folders.add(Paths.get(a));
      }
    }
    if (folders.isEmpty()) {
      return usage(err, "no report folder given");
    }
    List<RunView> runs;
    try {
      runs = ReportFolders.read(folders);
    } catch (ReportFolders.NotAReport e) {
      return usage(err, e.getMessage());
    }
    if (output == null) {
      output =
          folders.size() == 1 ? folders.get(0).resolve("report.html") : Paths.get(COMPARISON_FILE);
    }
    String origin =
        folders.size() == 1
            ? folders.get(0).toAbsolutePath().normalize().getFileName().toString()
            : folders.size() + " report folders";
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, ReportPage.render(runs, origin), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("cannot write " + output + ": " + e);
      return 1;
    }
    out.println("wrote " + output + " (" + runs.size() + (runs.size() == 1 ? " run)" : " runs)"));
    return 0;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("report: " + problem);
    err.print(USAGE);
    return 2;
  }
}
