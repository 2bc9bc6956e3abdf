package dev.jouletrace.agent.internal.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension loader's plain behaviour (the relocation itself is tested with the agent jar, in
 * sample-apps' OpenTelemetryNativeIT): paths that are not jars are said and skipped, and a jar's
 * service files are seen after the parent's.
 */
class ExtensionLoaderTest {
  @TempDir Path dir;

  @Test
  void aPathThatIsNotAJarIsSaidAndTheParentUsed() {
    List<String> problems = new ArrayList<>();
    ClassLoader parent = getClass().getClassLoader();

    ClassLoader loader =
        ExtensionLoader.open(List.of(dir.resolve("absent.jar")), parent, problems::add);

    assertThat(loader).isSameAs(parent);
    assertThat(problems)
        .singleElement()
        .asString()
        .isEqualTo(
            "jouletrace.otel.extensions: "
                + dir.resolve("absent.jar")
                + " is not a readable jar; it is skipped");
  }

  @Test
  void aJarsServiceFilesAndResourcesAreFound() throws IOException {
    Path jar = dir.resolve("ext.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/com.example.Service"));
      out.write("com.example.Impl\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    List<String> problems = new ArrayList<>();

    ClassLoader loader =
        ExtensionLoader.open(List.of(jar), getClass().getClassLoader(), problems::add);

    List<URL> found =
        Collections.list(loader.getResources("META-INF/services/com.example.Service"));
    assertThat(found).hasSize(1);
    try (var in = found.get(0).openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("com.example.Impl\n");
    }
    assertThat(problems).isEmpty();
  }
}
