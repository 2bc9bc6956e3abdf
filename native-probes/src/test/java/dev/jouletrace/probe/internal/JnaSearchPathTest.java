package dev.jouletrace.probe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.probe.ProbeSettings;
import dev.jouletrace.probe.Probes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaSearchPathTest {
  @TempDir Path root;

  @Test
  void listsJnasDefaultsThenTheLinkersConfiguredDirectoriesThatExist() throws Exception {
    for (String d :
        List.of(
            "usr/lib/x86_64-linux-gnu",
            "lib",
            "opt/cuda/lib64",
            "usr/local/nvidia/lib64",
            "etc/ld.so.conf.d")) {
      Files.createDirectories(root.resolve(d));
    }
    Files.writeString(
        root.resolve("etc/ld.so.conf"),
        "# the linker's own list\ninclude /etc/ld.so.conf.d/*.conf\n/opt/cuda/lib64\n/not/there\n");
    Files.writeString(
        root.resolve("etc/ld.so.conf.d/nvidia.conf"), "/usr/local/nvidia/lib64 # driver\n");
    Files.writeString(root.resolve("etc/ld.so.conf.d/ignored.txt"), "/lib\n");

    String arch = System.getProperty("os.arch");
    System.setProperty("os.arch", "amd64");
    try {
      assertThat(JnaSearchPath.directories(root))
          .containsExactly(
              "/usr/lib/x86_64-linux-gnu",
              "/usr/lib",
              "/lib",
              "/usr/local/nvidia/lib64",
              "/opt/cuda/lib64");
    } finally {
      System.setProperty("os.arch", arch);
    }
  }

  @Test
  void aMissingOrUnreadableConfigurationLeavesJnasDefaults() {
    assertThat(JnaSearchPath.directories(root)).isEmpty();
  }

  @Test
  void namesTheMultiarchDirectoryAsJnaDoes() {
    assertThat(JnaSearchPath.multiArch("amd64")).isEqualTo("x86_64-linux-gnu");
    assertThat(JnaSearchPath.multiArch("aarch64")).isEqualTo("aarch64-linux-gnu");
    assertThat(JnaSearchPath.multiArch("ppc64le")).isEqualTo("powerpc64-linux-gnu");
  }

  /**
   * In a JVM of its own (JNA initialises once per class loader): discovery starts JNA, loads the C
   * library and tries NVML and AMD SMI, yet starts no process, and leaves the JVM's {@code
   * jna.platform.library.path} unset as it found it.
   */
  @Test
  void discoveryStartsNoProcessAndLeavesJnasPropertyAsItWas() throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xlog:class+load=info:file=" + root.resolve("classes.txt"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DiscoverOnce.class.getName());
    Process fork =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("out.txt").toFile())
            .start();
    assertThat(fork.waitFor(120, TimeUnit.SECONDS)).as("fork ended").isTrue();
    String out = Files.readString(root.resolve("out.txt"));
    assertThat(fork.exitValue()).as(out).isZero();
    assertThat(out).contains("jna.platform.library.path=null");
    String classes = Files.readString(root.resolve("classes.txt"));
    assertThat(classes).as("JNA was started").contains("com.sun.jna.NativeLibrary ");
    assertThat(classes).as("no process started").doesNotContain("java.lang.ProcessImpl ");
  }

  /** The forked JVM's main: one discovery with the default settings. */
  public static final class DiscoverOnce {
    private DiscoverOnce() {}

    public static void main(String[] args) {
      Probes.discover(ProbeSettings.defaults()).close();
      System.out.println(
          "jna.platform.library.path=" + System.getProperty("jna.platform.library.path"));
    }
  }
}
