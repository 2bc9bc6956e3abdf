package dev.jouletrace.agent.internal.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.instrumentation.dl4j.Dl4jInstrumentation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Woven classes and unit verdicts kept between runs, against the doubles with DL4J's names. */
class WeaveCacheTest {
  private static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
  private static final String MLN_FILE = MLN.replace('.', '/') + ".class";

  @TempDir Path dir;
  private final ClassLoader loader = WeaveCacheTest.class.getClassLoader();
  private final List<String> problems = new ArrayList<>();

  private static byte[] classFile(ClassLoader loader, String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private byte[] weave(WeaveCache cache, InstrumentationInstaller.Prepared[] prepared)
      throws IOException, IllegalClassFormatException {
    prepared[0] =
        InstrumentationInstaller.prepare(
            List.of(Dl4jInstrumentation.multiLayerNetwork()), loader, problems::add, cache);
    return prepared[0]
        .transformer()
        .transform(loader, MLN.replace('.', '/'), null, null, classFile(loader, MLN_FILE));
  }

  @Test
  void aClassWovenOnceIsTakenFromTheCacheNextTimeWithoutStartingByteBuddy() throws Exception {
    InstrumentationInstaller.Prepared[] first = new InstrumentationInstaller.Prepared[1];
    byte[] woven = weave(WeaveCache.open(dir, "build-1"), first);
    assertThat(woven).isNotNull();
    assertThat(first[0].weavingStarted()).isTrue();

    InstrumentationInstaller.Prepared[] second = new InstrumentationInstaller.Prepared[1];
    byte[] again = weave(WeaveCache.open(dir, "build-1"), second);
    assertThat(again).isEqualTo(woven);
    assertThat(second[0].weavingStarted()).as("Byte Buddy started").isFalse();

    // another agent build weaves again
    InstrumentationInstaller.Prepared[] other = new InstrumentationInstaller.Prepared[1];
    assertThat(weave(WeaveCache.open(dir, "build-2"), other)).isEqualTo(woven);
    assertThat(other[0].weavingStarted()).isTrue();
    assertThat(problems).isEmpty();
  }

  @Test
  void configuredTargetsThatChangeBetweenRunsAreWovenAnew() throws Exception {
    String trainer = "com.acme.HandWrittenTrainer";
    byte[] original = classFile(loader, trainer.replace('.', '/') + ".class");
    byte[][] woven = new byte[3][];
    boolean[] started = new boolean[3];
    String[] specs = {
      trainer + "#trainAll(int,int):run," + trainer + "#oneEpoch:epoch",
      trainer + "#trainAll(int,int):run," + trainer + "#oneEpoch:epoch," + trainer + "#step:step",
      trainer + "#trainAll(int,int):run," + trainer + "#oneEpoch:epoch"
    };
    for (int i = 0; i < specs.length; i++) {
      TrainingInstrumentation unit = ConfiguredTargets.parse(specs[i], "acme", problems::add);
      InstrumentationInstaller.Prepared prepared =
          InstrumentationInstaller.prepare(
              List.of(unit), loader, problems::add, WeaveCache.open(dir, "build-1"));
      woven[i] =
          prepared.transformer().transform(loader, trainer.replace('.', '/'), null, null, original);
      started[i] = prepared.weavingStarted();
    }
    assertThat(woven[1]).isNotEqualTo(woven[0]);
    assertThat(woven[2]).isEqualTo(woven[0]);
    assertThat(started).containsExactly(true, true, false);
    assertThat(problems).isEmpty();
  }

  @Test
  void aDamagedOrShortEntryIsWovenAgain() throws Exception {
    InstrumentationInstaller.Prepared[] prepared = new InstrumentationInstaller.Prepared[1];
    byte[] woven = weave(WeaveCache.open(dir, "build-1"), prepared);
    List<Path> entries = entries(".class");
    assertThat(entries).hasSize(1);
    byte[] kept = Files.readAllBytes(entries.get(0));
    kept[kept.length / 2] ^= 1;
    Files.write(entries.get(0), kept);

    assertThat(weave(WeaveCache.open(dir, "build-1"), prepared)).isEqualTo(woven);
    assertThat(prepared[0].weavingStarted()).isTrue();

    Files.write(entries.get(0), new byte[] {'J', 'T'});
    assertThat(weave(WeaveCache.open(dir, "build-1"), prepared)).isEqualTo(woven);
    assertThat(prepared[0].weavingStarted()).isTrue();
  }

  @Test
  void keysDifferByBuildClassWeavingsAndClassFile() {
    WeaveCache a = WeaveCache.open(dir, "build-1");
    WeaveCache b = WeaveCache.open(dir, "build-2");
    byte[] bytes = {1, 2, 3};
    String key = a.key("x.Y", "u=APPLIES;", bytes);
    assertThat(a.key("x.Y", "u=APPLIES;", bytes.clone())).isEqualTo(key);
    assertThat(b.key("x.Y", "u=APPLIES;", bytes)).isNotEqualTo(key);
    assertThat(a.key("x.Z", "u=APPLIES;", bytes)).isNotEqualTo(key);
    assertThat(a.key("x.Y", "u=MISMATCH;", bytes)).isNotEqualTo(key);
    assertThat(a.key("x.Y", "u=APPLIES;", new byte[] {1, 2, 4})).isNotEqualTo(key);
  }

  @Test
  void aUnitsVerdictHoldsOnlyWhileTheLoaderGivesTheSameClassFiles() throws Exception {
    WeaveCache cache = WeaveCache.open(dir, "build-1");
    UnitCheck check = new UnitCheck(Dl4jInstrumentation.solver(), problems::add, cache);
    assertThat(check.verdict(loader)).isEqualTo(UnitCheck.Verdict.APPLIES);
    assertThat(entries(".verdict")).hasSize(1);
    List<String> recorded = Files.readAllLines(entries(".verdict").get(0));
    assertThat(recorded).anyMatch(line -> line.startsWith("org.deeplearning4j.optimize.Solver\t"));

    assertThat(cache.verdictHolds("dl4j-solver", new Altered(Map.of()))).isTrue();
    // a class file it read changed
    String solver = "org/deeplearning4j/optimize/Solver.class";
    byte[] changed = classFile(loader, solver);
    changed[changed.length - 1] ^= 1;
    assertThat(cache.verdictHolds("dl4j-solver", new Altered(Map.of(solver, changed)))).isFalse();
    // a class file it read is gone
    Map<String, byte[]> gone = new HashMap<>();
    gone.put(solver, null);
    assertThat(cache.verdictHolds("dl4j-solver", new Altered(gone))).isFalse();
    // another unit, another build: nothing kept
    assertThat(cache.verdictHolds("dl4j-graph", loader)).isFalse();
    assertThat(WeaveCache.open(dir, "build-2").verdictHolds("dl4j-solver", loader)).isFalse();
  }

  @Test
  void aFolderOthersMayWriteIsNotUsed() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(WeaveCache.open(shared, "build-1").enabled()).isFalse();

    Path created = dir.resolve("new").resolve("jouletrace");
    assertThat(WeaveCache.open(created, "build-1").enabled()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
        .isEqualTo("rwx------");
    assertThat(WeaveCache.open(null, "build-1").enabled()).isFalse();
    assertThat(WeaveCache.open(created, null).enabled()).isFalse();
  }

  @Test
  void doctorsLineSaysWhereTheCacheIsAndWhatItHoldsOrWhyNot() throws Exception {
    assertThat(WeaveCache.describe(null)).contains("off");
    Path absent = dir.resolve("absent");
    assertThat(WeaveCache.describe(absent)).contains("not there yet");
    assertThat(absent).doesNotExist();

    WeaveCache cache = WeaveCache.open(dir, "build-1");
    cache.store(cache.key("x.Y", "", new byte[] {1}), new byte[2000]);
    cache.storeVerdict("u", Map.of("x.Y", new byte[] {1}));
    assertThat(WeaveCache.describe(dir))
        .isEqualTo(
            "weave cache: "
                + dir
                + " (woven classes: 1, 2 KB; unit checks: 1); delete the folder to empty it");

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(WeaveCache.describe(dir)).contains("is not used: it is writable by others");
  }

  @Test
  void entriesUnusedForAMonthArePruned() throws Exception {
    WeaveCache cache = WeaveCache.open(dir, "build-1");
    cache.store(cache.key("x.Old", "", new byte[] {1}), new byte[] {1, 2});
    cache.store(cache.key("x.New", "", new byte[] {1}), new byte[] {3, 4});
    Path old = dir.resolve(cache.key("x.Old", "", new byte[] {1}) + ".class");
    Files.setLastModifiedTime(
        old,
        FileTime.fromMillis(
            System.currentTimeMillis() - TimeUnit.DAYS.toMillis(WeaveCache.UNUSED_DAYS + 1)));
    Files.writeString(dir.resolve("unrelated.txt"), "kept");

    cache.pruneUnused();

    assertThat(old).doesNotExist();
    assertThat(cache.woven(cache.key("x.New", "", new byte[] {1}))).containsExactly(3, 4);
    assertThat(dir.resolve("unrelated.txt")).exists();
  }

  @Test
  void theAgentBuildIsIdentifiedByItsJarAndNotAtAllOutsideOne() throws Exception {
    // the test classes come from a folder, not a jar
    assertThat(WeaveCache.fingerprintOf(WeaveCacheTest.class)).isNull();
    // a class from a jar: the JUnit API's
    String junit = WeaveCache.fingerprintOf(Test.class);
    assertThat(junit).hasSize(32).isEqualTo(WeaveCache.fingerprintOf(TempDir.class));
    assertThat(junit).isNotEqualTo(WeaveCache.fingerprintOf(org.assertj.core.api.Assertions.class));
  }

  private List<Path> entries(String suffix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }

  /** The test loader with some class files replaced (null: absent). */
  private static final class Altered extends ClassLoader {
    private final Map<String, byte[]> replaced;

    Altered(Map<String, byte[]> replaced) {
      super(WeaveCacheTest.class.getClassLoader());
      this.replaced = replaced;
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      if (replaced.containsKey(name)) {
        byte[] bytes = replaced.get(name);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
      }
      return super.getResourceAsStream(name);
    }
  }
}
