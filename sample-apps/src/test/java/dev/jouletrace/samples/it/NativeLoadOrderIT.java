package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No thread but the application's loads a native library once ND4J's JavaCPP has begun loading its
 * own: a DL4J training exporting its spans over OTLP runs with the JVM's library log ({@code
 * -Xlog:library}), and every library loaded from JavaCPP's first one on must be loaded by a thread
 * that also loads JavaCPP's. A library loaded by another thread while JavaCPP walks the loaded
 * objects can deadlock glibc's dynamic loader (docs/FRAMEWORKS.md §13a); before the OTLP sender
 * loaded its socket natives at the agent's start, its first connection loaded {@code libextnet.so}
 * on a send thread in the middle of the training, and this test failed.
 */
class NativeLoadOrderIT {
  private static final Pattern LOADED =
      Pattern.compile("^\\[[0-9.]+s]\\[(\\d+)] Loaded library (.+), handle .*$");

  /** The JDK the forks run on; this class uses the one running the tests. */
  ForkedJvm onJdk(ForkedJvm fork) {
    return fork;
  }

  @Test
  void noOtherThreadLoadsALibraryOnceJavaCppHasBegun() throws Exception {
    ItSettings settings = ItSettings.fromSystemProperties();
    Path log = settings.workDir().resolve(getClass().getSimpleName() + "-libraries.log");
    Files.deleteIfExists(log);
    String javaCppCache = settings.cacheDir().resolve("javacpp").toString();

    ForkResult fork;
    int spans;
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      fork =
          onJdk(ForkedJvm.of(settings, "native-load-order", Dl4jMlp.class))
              .appArgs("--epochs", "3", "--rows", "640")
              .exportingTo(receiver)
              .jvmOption("-Xlog:library=info:file=" + log + ":uptime,tid")
              .run();
      spans = receiver.spans().size();
    }
    assertThat(fork.exitCode()).as(fork.describe()).isZero();
    assertThat(spans).as("spans exported over OTLP").isPositive();

    List<String[]> loads = new ArrayList<>(); // {thread id, library}
    for (String line : Files.readAllLines(log)) {
      Matcher loaded = LOADED.matcher(line);
      if (loaded.matches()) {
        loads.add(new String[] {loaded.group(1), loaded.group(2)});
      }
    }
    int first = -1;
    Set<String> javaCppThreads = new LinkedHashSet<>();
    for (int i = 0; i < loads.size(); i++) {
      if (loads.get(i)[1].startsWith(javaCppCache)) {
        first = first < 0 ? i : first;
        javaCppThreads.add(loads.get(i)[0]);
      }
    }
    assertThat(first).as("JavaCPP's libraries in %s", log).isNotNegative();
    List<String> others = new ArrayList<>();
    for (String[] load : loads.subList(first, loads.size())) {
      if (!javaCppThreads.contains(load[0])) {
        others.add(load[1] + " (thread " + load[0] + ")");
      }
    }
    assertThat(others)
        .as("libraries loaded by other threads once JavaCPP began (%s)", log)
        .isEmpty();
  }
}
