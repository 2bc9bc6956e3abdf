package dev.jouletrace.samples.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link SparkMlp} as a Spark driver in a fresh JVM with the agent, and the agent in every
 * executor JVM through {@code spark.executor.extraJavaOptions}; everything on 127.0.0.1, offline.
 *
 * <p>The fork gets its own empty {@code SPARK_HOME} (the standalone workers put each executor's
 * work folder, with its stdout and stderr, under {@code SPARK_HOME/work/<app>/<executor id>}), and
 * an environment without inherited Spark, Hadoop, OpenTelemetry, Jouletrace or JVM-option
 * variables.
 */
final class SparkDriverFork {

  /** A guard against a hung Spark, not a performance bound. */
  static final Duration TIMEOUT = Duration.ofSeconds(240);

  private final Path agentJar;
  private final String classpath;
  private final Path dir;
  private final Path cacheDir;
  private final List<String> agentOptions = new ArrayList<>();
  private final List<String> executorAgentOptions = new ArrayList<>();

  SparkDriverFork(Path agentJar, String classpath, Path dir, Path cacheDir) {
    this.agentJar = agentJar;
    this.classpath = classpath;
    this.dir = dir;
    this.cacheDir = cacheDir;
  }

  /** A {@code -D} option given to the agent in the driver JVM only. */
  SparkDriverFork driverAgentProperty(String key, String value) {
    agentOptions.add("-D" + key + "=" + value);
    return this;
  }

  /**
   * Spans of the driver and of every executor go to this OTLP/HTTP endpoint, with the service names
   * {@code spark-driver} and {@code spark-executor}.
   */
  SparkDriverFork exportSpansTo(String endpoint) {
    agentOptions.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
    agentOptions.add("-Dotel.service.name=spark-driver");
    executorAgentOptions.add("-Dotel.exporter.otlp.endpoint=" + endpoint);
    executorAgentOptions.add("-Dotel.service.name=spark-executor");
    return this;
  }

  Path sparkHome() {
    return dir.resolve("spark-home");
  }

  Path driverReports() {
    return dir.resolve("driver-reports");
  }

  Path executorReports() {
    return dir.resolve("executor-reports");
  }

  /** Runs the driver with {@code args} and waits for it, at most {@link #TIMEOUT}. */
  Result run(String... args) throws IOException, InterruptedException {
    deleteRecursively(dir);
    Files.createDirectories(sparkHome().resolve("jars"));
    Path javacppCache = cacheDir.resolve("javacpp");
    List<String> executor = new ArrayList<>();
    executor.add("-javaagent:" + agentJar);
    executor.add("-Djouletrace.report.dir=" + executorReports());
    executor.addAll(executorAgentOptions);
    executor.add("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
    String executorOptions = String.join(" ", executor);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agentJar);
    command.add("-Xmx1g");
    for (String module : SparkMlp.JAVA_17_OPENS) {
      command.add("--add-opens=java.base/" + module + "=ALL-UNNAMED");
    }
    command.add("-Djouletrace.report.dir=" + driverReports());
    command.addAll(agentOptions);
    command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
    command.add("-Dspark.executor.extraJavaOptions=" + executorOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(SparkMlp.class.getName());
    command.addAll(List.of(args));
    Files.write(dir.resolve("command.txt"), command);

    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            key ->
                key.startsWith("SPARK_")
                    || key.startsWith("HADOOP_")
                    || key.startsWith("YARN_")
                    || key.startsWith("OTEL_")
                    || key.startsWith("JOULETRACE_")
                    || key.equals("JAVA_TOOL_OPTIONS")
                    || key.equals("JDK_JAVA_OPTIONS")
                    || key.equals("_JAVA_OPTIONS"));
    env.put("SPARK_HOME", sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    // shuffle and block files of the driver, the workers and the executors
    env.put("SPARK_LOCAL_DIRS", dir.resolve("spark-local").toString());
    env.put("DJL_OFFLINE", "true");
    env.put("OPT_OUT_TRACKING", "true");

    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      throw new AssertionError(
          "Spark driver still running after " + TIMEOUT + "; killed. Output in " + dir);
    }
    return new Result(
        process.exitValue(),
        read(stdout),
        read(stderr),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** What the driver printed; the executors' output is under {@link #sparkHome()}. */
  record Result(int exitCode, List<String> stdout, List<String> stderr, Duration wall) {

    /** For assertion messages: the exit code and the end of stderr. */
    String describe() {
      return "exit "
          + exitCode
          + " after "
          + wall.toMillis()
          + " ms; stderr tail:\n"
          + String.join("\n", stderr.subList(Math.max(0, stderr.size() - 30), stderr.size()));
    }
  }

  static List<String> read(Path file) throws IOException {
    // lenient: native libraries may print bytes that are not UTF-8
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  /** The sample's run-time class path: its classes, then the file the build wrote. */
  static String sampleClasspath(Path classesDir, Path classpathFile) throws IOException {
    return classesDir + File.pathSeparator + Files.readString(classpathFile).trim();
  }

  private static void deleteRecursively(Path dir) throws IOException {
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
