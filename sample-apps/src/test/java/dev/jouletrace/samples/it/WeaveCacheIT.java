package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.djl.DjlMlp;
import dev.jouletrace.samples.dl4j.Dl4jMlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same DL4J (and DJL) training twice with a weave cache that starts empty: the first run weaves
 * with Byte Buddy and keeps the woven classes, the second takes them from the cache without
 * starting Byte Buddy (no class of its class-file writer is loaded), and both measure the same
 * epochs and batches.
 */
class WeaveCacheIT {
  static final int EPOCHS = 2;

  @Test
  void aSecondDl4jRunTakesItsWovenClassesFromTheCacheAndMeasuresTheSame() throws Exception {
    secondRunWithoutByteBuddy(Dl4jMlp.class, "dl4j");
  }

  /** DJL's probe listener is generated too, without Byte Buddy. */
  @Test
  void aSecondDjlRunTakesItsWovenClassesFromTheCacheAndMeasuresTheSame() throws Exception {
    secondRunWithoutByteBuddy(DjlMlp.class, "djl");
  }

  private static void secondRunWithoutByteBuddy(Class<?> sample, String name) throws Exception {
    ItSettings settings = ItSettings.fromSystemProperties();
    Path cache = settings.workDir().resolve("weave-cache-it-" + name);
    ForkedJvm.deleteRecursively(cache);

    ForkResult first = run(settings, sample, "weave-cache-" + name + "-first", cache);
    assertThat(first.stderrLines()).contains("[jouletrace] debug: weaving ahead done");
    assertThat(classesLoaded(first)).anyMatch(WeaveCacheIT::byteBuddysWeaving);
    try (var entries = Files.list(cache)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".class"))
          .anyMatch(n -> n.endsWith(".verdict"));
    }

    ForkResult second = run(settings, sample, "weave-cache-" + name + "-second", cache);
    assertThat(second.stderrLines())
        .contains(
            "[jouletrace] debug: weaving ahead done from the weave cache, Byte Buddy not started");
    assertThat(classesLoaded(second)).noneMatch(WeaveCacheIT::byteBuddysWeaving);

    assertThat(epochs(second)).isEqualTo(epochs(first)).hasSize(EPOCHS);
  }

  private static List<String> epochs(ForkResult fork) throws Exception {
    return RunReport.epochs(RunReport.readSingle(fork.reportDir()).onlyRun());
  }

  /** A class-load line of Byte Buddy's weaving itself (its entry point or its advice). */
  private static boolean byteBuddysWeaving(String line) {
    return line.contains(" net.bytebuddy.ByteBuddy source:")
        || line.contains(" net.bytebuddy.asm.Advice source:");
  }

  private static List<String> classesLoaded(ForkResult fork) throws Exception {
    return Files.readAllLines(fork.stdoutFile().resolveSibling("classes.txt"));
  }

  private static ForkResult run(ItSettings settings, Class<?> sample, String name, Path cache)
      throws Exception {
    Path dir = settings.workDir().resolve(name);
    ForkResult fork =
        ForkedJvm.of(settings, name, sample)
            .appArgs("--epochs", String.valueOf(EPOCHS), "--rows", "640")
            .systemProperty("jouletrace.cache.dir", cache)
            .systemProperty("jouletrace.debug", true)
            .jvmOption("-Xlog:class+load=info:file=" + dir.resolve("classes.txt"))
            .run();
    assertThat(fork.exitCode()).as(fork.describe()).isZero();
    assertThat(fork.stderrLines()).noneMatch(line -> line.contains("WARNING"));
    return fork;
  }
}
