package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.isolation.OwnLibrariesApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An application with its own, different versions of Byte Buddy, JNA and the OpenTelemetry API runs
 * with the agent attached: it sees only its own copies, never the agent's classes or its
 * OpenTelemetry SDK, and both JNA versions load their native code side by side.
 */
class OwnLibrariesIT {
  private final ItSettings settings = ItSettings.fromSystemProperties();

  @Test
  void applicationSeesOnlyItsOwnCopiesOfWhatTheAgentBundles() throws Exception {
    Path libraries = Paths.get(System.getProperty("jouletrace.it.ownLibrariesDir"));
    String classpath;
    try (Stream<Path> jars = Files.list(libraries)) {
      classpath = jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
    // the app's main is a configured target: the agent, which starts in the background, is
    // then ready before the app runs, as it is before any training it measures
    ForkResult fork =
        ForkedJvm.of(settings, "own-libraries", OwnLibrariesApp.class)
            .classpath(classpath)
            .agentArgs("targets=" + OwnLibrariesApp.class.getName() + "#main:run")
            .run();

    assertThat(fork.exitCode()).as(fork.describe()).isZero();
    List<String> out = fork.stdoutLines();
    assertThat(out)
        .containsExactly(
            "byte-buddy byte-buddy-1.14.18.jar true",
            "jna jna-5.13.0.jar pointer-size=8",
            "otel-api opentelemetry-api-1.62.0.jar ObfuscatedOpenTelemetry",
            "invisible io.opentelemetry.sdk.OpenTelemetrySdk",
            "invisible dev.jouletrace.agent.internal.AgentStarter");
    // the agent did start, and its probes (which load its own JNA) ran beside the application's
    assertThat(fork.stderrLines()).anyMatch(line -> line.contains("started: metering"));
    assertThat(fork.stderrLines()).noneMatch(line -> line.contains("could not start"));
  }
}
