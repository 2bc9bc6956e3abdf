package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loop.ShortEpochs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a run leaves, and what it does while it trains, in a forked JVM in a network namespace with
 * only loopback, as an unprivileged user ({@link ForkedJvm#unprivileged()}): no report file and no
 * span (printed by {@code otel.traces.exporter=logging-otlp}) holds an environment variable, a
 * system property or option of the command line, or the user's name; and the fork never has a
 * socket (so no listening port and no connection) or a child process.
 */
class NoSecretsIT {
  private static final String LOOP = ShortEpochs.class.getName();
  private static final String TARGETS =
      "targets=" + LOOP + "#run:run," + LOOP + "#epoch:epoch," + LOOP + "#step:step";

  /** The JDK the forks run on; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @Test
  void noEnvironmentCommandLineOrUserNameInReportsOrSpansAndNoSocketOrChildProcess()
      throws Exception {
    String envSecret = "env-" + UUID.randomUUID();
    String propertySecret = "prop-" + UUID.randomUUID();
    String optionSecret = "opt-" + UUID.randomUUID();
    ForkedJvm fork =
        onJdk(
            ForkedJvm.of(ItSettings.fromSystemProperties(), "no-secrets", ShortEpochs.class)
                .agentArgs(TARGETS)
                .appArgs("--epochs", "400", "--epoch-micros", "5000")
                .environment("JT_SECRET_TOKEN", envSecret)
                .systemProperty("jt.secret.password", propertySecret)
                .jvmOption("-Djt.secret.option=" + optionSecret)
                .systemProperty("otel.traces.exporter", "logging-otlp")
                .unprivileged());
    ForkedJvm.Running running = fork.start();
    List<String> sockets = new ArrayList<>();
    List<String> children = new ArrayList<>();
    String hostNetwork = link(Path.of("/proc/self/ns/net"));
    int isolatedSamples = 0;
    int javaSamples = 0;
    while (!running.hasEnded()) {
      Path proc = Path.of("/proc", Long.toString(running.pid()));
      // the pid is the launcher until it has become the JVM (unshare, sh and unshare exec it)
      String exe = link(proc.resolve("exe"));
      if (exe != null && exe.endsWith("/java")) {
        javaSamples++;
        children.addAll(children(proc));
        String network = link(proc.resolve("ns/net"));
        if (network != null && !network.equals(hostNetwork)) {
          isolatedSamples++;
          sockets.addAll(sockets(proc));
        }
      }
      Thread.sleep(50);
    }
    ForkResult result = running.await();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(javaSamples).as("samples of the running JVM").isPositive();
    assertThat(children).as("child processes of the fork").isEmpty();
    if (ForkedJvm.Namespaces.unavailable() == null) {
      assertThat(isolatedSamples).as("samples of the fork's own network namespace").isPositive();
      assertThat(sockets).as("sockets of the fork while it trained").isEmpty();
    } else {
      System.err.println(
          "[NoSecretsIT] sockets not checked: " + ForkedJvm.Namespaces.unavailable());
    }

    List<String> spans =
        result.stderrLines().stream().filter(line -> line.startsWith("{\"resource\"")).toList();
    assertThat(String.join("\n", spans)).contains("training.run").contains("training.epoch");
    List<Path> reportFiles;
    try (Stream<Path> files = Files.walk(result.reportDir())) {
      reportFiles = files.filter(Files::isRegularFile).toList();
    }
    assertThat(reportFiles)
        .extracting(p -> p.getFileName().toString())
        .contains("report.json", "epochs.jsonl", "epochs.csv", "report.html");

    String user = forkUserName();
    List<String> secrets = new ArrayList<>(List.of(envSecret, propertySecret, optionSecret));
    if (user != null) {
      secrets.add(user);
    }
    for (String secret : secrets) {
      for (Path file : reportFiles) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
            .as("%s in %s", secret, file)
            .doesNotContain(secret);
      }
      assertThat(spans).as("%s in a span", secret).noneMatch(line -> line.contains(secret));
    }
    // the console says no more: it shows neither the environment nor the command line
    for (String secret : List.of(envSecret, propertySecret, optionSecret)) {
      assertThat(result.stderrLines()).noneMatch(line -> line.contains(secret));
    }
  }

  /**
   * The fork's sockets, from /proc/<pid>/net of its own network namespace (header lines left out).
   */
  private static String link(Path path) {
    try {
      return Files.readSymbolicLink(path).toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> sockets(Path proc) {
    List<String> found = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      try {
        List<String> lines = Files.readAllLines(proc.resolve("net").resolve(table));
        lines.stream().skip(1).map(line -> table + ": " + line.trim()).forEach(found::add);
      } catch (NoSuchFileException ended) {
        return found;
      } catch (IOException e) {
        found.add(table + ": unreadable (" + e + ")");
      }
    }
    return found;
  }

  private static List<String> children(Path proc) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      for (Path task : tasks.toList()) {
        String ids = Files.readString(task.resolve("children")).trim();
        for (String id : ids.isEmpty() ? new String[0] : ids.split("\\s+")) {
          String command;
          try {
            command = Files.readString(Path.of("/proc", id, "cmdline")).replace('\0', ' ').trim();
          } catch (IOException gone) {
            command = "(ended)";
          }
          found.add("thread " + task.getFileName() + " started " + id + ": " + command);
        }
      }
    } catch (IOException | java.io.UncheckedIOException ended) {
      // the fork ended meanwhile
    }
    return found;
  }

  /** The name uid 1000 has here (the fork's user under unshare --map-user=1000), or null. */
  private static String forkUserName() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("getent", "passwd", "1000").start();
    String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    int colon = line.indexOf(':');
    return colon > 0 ? line.substring(0, colon) : null;
  }
}
