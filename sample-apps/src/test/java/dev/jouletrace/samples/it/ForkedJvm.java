package dev.jouletrace.samples.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one sample app in a fresh JVM, optionally with {@code -javaagent:}, fully offline.
 *
 * <p>Every fork gets DJL's offline and telemetry opt-out switches, native caches under the build
 * directory, and an environment without inherited {@code OTEL_*}, {@code JOULETRACE_*} or
 * JVM-option variables, so only what a test passes explicitly configures the agent. Output goes to
 * files under the fork's own work directory.
 */
final class ForkedJvm {

  static final Duration TIMEOUT = Duration.ofSeconds(180);

  private final ItSettings settings;
  private final String name;
  private final String mainClass;
  private String agentArgs;
  private boolean withAgent = true;
  private Path javaHome = Path.of(System.getProperty("java.home"));
  private boolean otherJdk;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final List<String> appArgs = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> agentsBefore = new ArrayList<>();
  private final List<String> agentsAfter = new ArrayList<>();
  private String classpath;
  private boolean loopbackOnly;
  private boolean unprivileged;
  private String reportTmpfsSize;

  private ForkedJvm(ItSettings settings, String name, String mainClass) {
    this.settings = settings;
    this.name = name;
    this.mainClass = mainClass;
  }

  /**
   * A fork named {@code name} (its work directory) running {@code mainClass}, with the agent by
   * default.
   */
  static ForkedJvm of(ItSettings settings, String name, Class<?> mainClass) {
    return new ForkedJvm(settings, name, mainClass.getName());
  }

  /** {@code -javaagent:<jar>=<args>}. */
  ForkedJvm agentArgs(String args) {
    this.agentArgs = args;
    return this;
  }

  /** Runs the fork on the JDK or JRE at {@code home} instead of the one running the tests. */
  ForkedJvm javaHome(Path home) {
    this.javaHome = home;
    this.otherJdk = true;
    return this;
  }

  /** An extra option for the forked JVM, before the main class. */
  ForkedJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /**
   * Another {@code -javaagent:} in the same JVM, given before ours on the command line (so started
   * first) or after it.
   */
  ForkedJvm otherAgent(Path jar, boolean beforeOurs) {
    (beforeOurs ? agentsBefore : agentsAfter).add("-javaagent:" + jar);
    return this;
  }

  /**
   * An environment variable of the fork (the inherited {@code OTEL_*}, {@code JOULETRACE_*} and
   * {@code TRACEPARENT} ones are removed).
   */
  ForkedJvm environment(String key, String value) {
    environment.put(key, value);
    return this;
  }

  ForkedJvm withoutAgent() {
    this.withAgent = false;
    return this;
  }

  ForkedJvm systemProperty(String key, Object value) {
    systemProperties.put(key, String.valueOf(value));
    return this;
  }

  /** Exports spans with OTLP/HTTP protobuf to {@code receiver}, flushing every 200 ms. */
  ForkedJvm exportingTo(OtlpReceiver receiver) {
    return systemProperty("otel.traces.exporter", "otlp")
        .systemProperty("otel.exporter.otlp.protocol", "http/protobuf")
        .systemProperty("otel.exporter.otlp.endpoint", receiver.endpoint())
        .systemProperty("otel.bsp.schedule.delay", 200)
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.logs.exporter", "none");
  }

  /**
   * Runs the fork in a network namespace of its own with only loopback up ({@code unshare -rn},
   * then {@code ip link set lo up}): it can reach nothing but itself, and any socket it opens shows
   * in {@code /proc/<pid>/net/tcp*} of that namespace alone. Where the machine does not allow it,
   * the fork runs on the host's network and one line on the tests' standard error says why.
   */
  ForkedJvm loopbackOnly() {
    this.loopbackOnly = true;
    return this;
  }

  /**
   * Like {@link #loopbackOnly()}, and inside it as uid and gid 1000 mapped onto the tests' own user
   * ({@code unshare --map-user}), without capabilities: file permissions hold for the fork as for
   * any user, even where the tests run as root. Skips the test where that is not available and the
   * tests run as root.
   */
  ForkedJvm unprivileged() {
    this.loopbackOnly = true;
    this.unprivileged = true;
    return this;
  }

  /**
   * Like {@link #loopbackOnly()}, with the report folder on a tmpfs of {@code size} (e.g. {@code
   * 64k}) in a mount namespace of the fork's own, so that a test can fill it and, with {@code
   * nsenter -t <pid> -m mount -o remount,size=...}, free it. What it holds is copied into the
   * report folder on disk after the JVM ends. Skips the test where that is not available.
   */
  ForkedJvm reportOnTmpfs(String size) {
    this.loopbackOnly = true;
    this.reportTmpfsSize = size;
    return this;
  }

  /** Replaces the sample apps' class path (their classes stay first). */
  ForkedJvm classpath(String entries) {
    this.classpath = entries;
    return this;
  }

  ForkedJvm appArgs(String... args) {
    appArgs.addAll(List.of(args));
    return this;
  }

  /**
   * Starts the JVM and waits at most {@link #TIMEOUT} for it; a JVM still running then is killed.
   */
  ForkResult run() throws IOException, InterruptedException {
    return start().await();
  }

  /** Starts the JVM and returns at once, so that a test can act on it while it runs. */
  Running start() throws IOException {
    Path dir = settings.workDir().resolve(otherJdk ? name + "-" + javaHome.getFileName() : name);
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Path reportDir = dir.resolve("report");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Path djlCache = settings.cacheDir().resolve("djl");

    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(agentsBefore);
    if (withAgent) {
      command.add("-javaagent:" + settings.agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
    }
    command.addAll(agentsAfter);
    command.add("-Xmx1g");
    command.addAll(jvmOptions);
    command.add("-Djouletrace.report.dir=" + reportDir);
    command.add("-Dai.djl.offline=true");
    command.add("-DOPT_OUT_TRACKING=true");
    command.add("-Dorg.bytedeco.javacpp.cachedir=" + settings.cacheDir().resolve("javacpp"));
    if (!systemProperties.containsKey("jouletrace.cache.dir")) {
      // the forks share a weave cache of this build's own: the first fork to load a framework
      // class weaves it, the others take it from there, as a user's second run does
      command.add("-Djouletrace.cache.dir=" + settings.workDir().resolve("weave-cache"));
    }
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(
        settings.classesDir()
            + File.pathSeparator
            + (classpath != null ? classpath : settings.sampleClasspath()));
    command.add(mainClass);
    command.addAll(appArgs);
    Files.write(dir.resolve("command.txt"), command);

    ProcessBuilder builder =
        new ProcessBuilder(loopbackOnly ? Namespaces.wrap(this, command, reportDir) : command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            key ->
                key.startsWith("OTEL_")
                    || key.startsWith("JOULETRACE_")
                    || key.equals("TRACEPARENT")
                    || key.equals("TRACESTATE")
                    || key.equals("JAVA_TOOL_OPTIONS")
                    || key.equals("JDK_JAVA_OPTIONS")
                    || key.equals("_JAVA_OPTIONS"));
    env.put("DJL_OFFLINE", "true");
    env.put("OPT_OUT_TRACKING", "true");
    env.put("DJL_CACHE_DIR", djlCache.toString());
    env.put("ENGINE_CACHE_DIR", djlCache.toString());
    // The forks check what the agent records, not speed. ND4J's OpenMP threads spin while they
    // wait; on a 2-core machine shared with Maven that made a 4-epoch DL4J run take 3-14 times as
    // long as with one OpenMP thread (measured: 2.8-14.1 s against 0.95-1.96 s), the likely cause
    // of a CI fork that ran past its time limit. A test that needs more sets it in environment().
    env.put("OMP_NUM_THREADS", "1");
    env.putAll(environment);

    return new Running(builder.start(), dir, stdout, stderr, reportDir);
  }

  /** How {@link #loopbackOnly()} and its variants are put around the java command line. */
  static final class Namespaces {
    private static String unavailable;
    private static boolean checked;

    private Namespaces() {}

    /** Why forks cannot run in a loopback-only network namespace here, or null when they can. */
    static synchronized String unavailable() {
      if (!checked) {
        checked = true;
        unavailable =
            tryRun(
                "unshare",
                "-rn",
                "sh",
                "-c",
                "ip link set lo up && exec unshare --map-user=1000 --map-group=1000 true");
      }
      return unavailable;
    }

    private static String tryRun(String... command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return String.join(" ", command) + " did not end";
        }
        return p.exitValue() == 0
            ? null
            : String.join(" ", command)
                + " failed: "
                + (out.isEmpty() ? "exit " + p.exitValue() : out);
      } catch (IOException e) {
        return String.join(" ", command) + " cannot run: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    static List<String> wrap(ForkedJvm fork, List<String> java, Path reportDir) {
      String why = unavailable();
      boolean root = "root".equals(System.getProperty("user.name"));
      if (why != null) {
        Assumptions.assumeTrue(
            fork.reportTmpfsSize == null && !(fork.unprivileged && root),
            fork.name + " needs a user, network and mount namespace: " + why);
        System.err.println("[ForkedJvm] " + fork.name + " runs on the host's network: " + why);
        return java;
      }
      StringBuilder script = new StringBuilder("set -e; ip link set lo up; ");
      boolean copyOut = fork.reportTmpfsSize != null;
      if (copyOut) {
        script
            .append("mkdir -p \"$JT_REPORT\"; mount -t tmpfs -o size=")
            .append(fork.reportTmpfsSize)
            .append(" tmpfs \"$JT_REPORT\"; ");
      }
      String run = fork.unprivileged ? "unshare --map-user=1000 --map-group=1000 \"$@\"" : "\"$@\"";
      if (copyOut) {
        script
            .append("set +e; ")
            .append(run)
            .append(
                "; rc=$?; mkdir -p \"$JT_REPORT.saved\"; cp -a \"$JT_REPORT\"/. \"$JT_REPORT.saved\"/;")
            .append(" umount \"$JT_REPORT\"; cp -a \"$JT_REPORT.saved\"/. \"$JT_REPORT\"/;")
            .append(" rm -rf \"$JT_REPORT.saved\"; exit $rc");
      } else {
        script.append("exec ").append(run);
      }
      List<String> wrapped = new ArrayList<>(List.of("unshare", copyOut ? "-rnm" : "-rn"));
      wrapped.addAll(List.of("--", "sh", "-c", script.toString(), "sh"));
      wrapped.addAll(java);
      fork.environment.put("JT_REPORT", reportDir.toString());
      return wrapped;
    }
  }

  /** A forked JVM that is running. */
  final class Running {
    private final Process process;
    private final Path dir;
    private final Path stdout;
    private final Path stderr;
    private final Path reportDir;
    private final long started = System.nanoTime();

    private Running(Process process, Path dir, Path stdout, Path stderr, Path reportDir) {
      this.process = process;
      this.dir = dir;
      this.stdout = stdout;
      this.stderr = stderr;
      this.reportDir = reportDir;
    }

    long pid() {
      return process.pid();
    }

    /** Whether the fork has ended. */
    boolean hasEnded() {
      return !process.isAlive();
    }

    /** The fork's work directory. */
    Path dir() {
      return dir;
    }

    /**
     * Polls the fork's standard output until a line contains {@code text}, the fork exits, or
     * {@code timeout} passes; returns whether the line appeared.
     */
    boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (Files.readString(stdout).contains(text)) {
          return true;
        }
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          return Files.readString(stdout).contains(text);
        }
      }
      return false;
    }

    /** An agent report folder of this fork and the whole epoch lines its epochs.jsonl holds. */
    record EpochsOnDisk(Path folder, int lines) {}

    /**
     * Polls until a report folder's {@code epochs.jsonl} holds at least {@code lines} whole lines
     * (ending in <code>}</code>); fails after 60 s.
     */
    EpochsOnDisk awaitEpochsOnDisk(int lines) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (Files.isDirectory(reportDir)) {
          try (Stream<Path> folders = Files.list(reportDir)) {
            for (Path folder : folders.toList()) {
              Path log = folder.resolve("epochs.jsonl");
              if (Files.exists(log)) {
                int n = (int) Files.readAllLines(log).stream().filter(l -> l.endsWith("}")).count();
                if (n >= lines) {
                  return new EpochsOnDisk(folder, n);
                }
              }
            }
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no " + lines + " epochs in " + reportDir + " within 60 s");
    }

    /** Waits at most {@link #TIMEOUT} for the fork to end; a JVM still running then is killed. */
    ForkResult await() throws InterruptedException {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        String threads =
            nativeThreads(process.pid(), dir.resolve("native-threads.txt"))
                + threadDump(process.pid(), dir.resolve("threads.txt"), stdout);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        throw new AssertionError(
            name
                + ": forked JVM still running after "
                + TIMEOUT
                + "; killed. Output in "
                + dir
                + "\n--- stdout (tail) ---\n"
                + tail(stdout)
                + "\n--- stderr (tail) ---\n"
                + tail(stderr)
                + "\n--- threads ---\n"
                + threads);
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      return new ForkResult(name, process.exitValue(), stdout, stderr, reportDir, wall);
    }
  }

  /**
   * The hung fork's threads as the kernel and a debugger see them, kept as {@code
   * native-threads.txt}: each thread's name, state, wait channel and system call from {@code
   * /proc}, then every thread's native stack from {@code gdb} where it is installed. Both work when
   * the JVM itself cannot answer (a hang seen twice on CI, where {@code jcmd} could not attach):
   * they show whether a thread spins, which lock or system call each waits in, and native frames
   * such as {@code dlopen} that a Java thread dump does not show.
   */
  private static String nativeThreads(long pid, Path out) {
    StringBuilder text = new StringBuilder("--- /proc: thread | state | wchan | syscall ---\n");
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.sorted().toList()) {
        String stat = read(task.resolve("stat"));
        text.append(read(task.resolve("comm")))
            .append(" | ")
            .append(stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ", 4)[0])
            .append(" | ")
            .append(read(task.resolve("wchan")))
            .append(" | ")
            .append(read(task.resolve("syscall")).split(" ", 2)[0])
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      text.append("(unreadable: ").append(e).append(")\n");
    }
    text.append("--- gdb: native stacks ---\n");
    try {
      Path gdbOut = out.resolveSibling("gdb.txt");
      Process gdb =
          new ProcessBuilder(
                  "gdb",
                  "-p",
                  Long.toString(pid),
                  "-batch",
                  "-nx",
                  "-q",
                  "-ex",
                  "set pagination off",
                  "-ex",
                  "thread apply all bt 40")
              .redirectErrorStream(true)
              .redirectOutput(gdbOut.toFile())
              .start();
      if (!gdb.waitFor(120, TimeUnit.SECONDS)) {
        gdb.destroyForcibly();
      }
      String stacks = Files.readString(gdbOut).replaceAll("\\[New LWP \\d+\\]\n", "");
      text.append(stacks.length() <= 40_000 ? stacks : stacks.substring(0, 40_000));
    } catch (IOException e) {
      text.append("(no gdb: ").append(e.getMessage()).append(")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.writeString(out, text);
    } catch (IOException e) {
      // the text still goes into the failure message
    }
    return text.append('\n').toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * The hung fork's threads, taken with the fork's own JDK's {@code jcmd Thread.print} and kept as
   * {@code threads.txt} beside its output, so that a hang on CI can be read from the log.
   */
  private String threadDump(long pid, Path out, Path forkStdout) {
    Path jcmd = javaHome.resolve("bin").resolve("jcmd");
    if (!Files.isExecutable(jcmd)) {
      return "(no jcmd in " + javaHome + ")";
    }
    try {

      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!dump.waitFor(30, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
      String text = Files.readString(out);
      if (text.contains("Full thread dump")) {
        return text;
      }
      // the attach mechanism did not answer (seen once on CI): SIGQUIT makes the JVM print its
      // threads on its own standard output
      new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
      Thread.sleep(5000);
      String printed = Files.readString(forkStdout);
      int from = printed.lastIndexOf("Full thread dump");
      return text
          + "\n--- after SIGQUIT: the threads named main or jouletrace-*, then the rest ---\n"
          + (from < 0 ? "(no thread dump printed)" : mainThreadsFirst(printed.substring(from)));
    } catch (IOException e) {
      return "(thread dump failed: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(thread dump interrupted)";
    }
  }

  /**
   * A thread dump's blocks, those of the main and the agent's threads first, at most 20 000 chars.
   */
  private static String mainThreadsFirst(String dump) {
    StringBuilder first = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (String block : dump.split("\n\n")) {
      boolean ours = block.startsWith("\"main\"") || block.startsWith("\"jouletrace");
      (ours ? first : rest).append(block).append("\n\n");
    }
    String all = first.append(rest).toString();
    return all.length() <= 20_000 ? all : all.substring(0, 20_000);
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file);
      return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Deletes {@code dir} and everything in it; nothing when it is not there. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
