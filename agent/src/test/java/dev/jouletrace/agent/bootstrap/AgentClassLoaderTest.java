package dev.jouletrace.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The isolated loader reads inst/*.classdata and nothing of the application's class path. */
class AgentClassLoaderTest {
  @TempDir Path dir;

  /** Loaded once normally (by the test's loader) and once from the jar (by the agent's). */
  public static final class Greeting {
    @Override
    public String toString() {
      return "hello";
    }
  }

  private Path agentJar() throws IOException {
    Path jar = dir.resolve("agent.jar");
    String classFile = Greeting.class.getName().replace('.', '/') + ".class";
    try (InputStream in = Greeting.class.getClassLoader().getResourceAsStream(classFile);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("inst/" + classFile.replace(".class", ".classdata")));
      in.transferTo(out);
      out.putNextEntry(new JarEntry("inst/META-INF/services/demo.Service"));
      out.write("demo.Impl\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  @Test
  void definesClassesFromClassdataInItsOwnLoader() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(agentJar().toFile());
    Class<?> isolated = loader.loadClass(Greeting.class.getName());
    assertThat(isolated).isNotSameAs(Greeting.class);
    assertThat(isolated.getClassLoader()).isSameAs(loader);
    assertThat(isolated.getDeclaredConstructor().newInstance()).hasToString("hello");
    assertThat(loader.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theApplicationsClassesAreInvisible() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(agentJar().toFile());
    assertThatThrownBy(() -> loader.loadClass("org.junit.jupiter.api.Test"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(loader.loadClass("java.util.List")).isSameAs(java.util.List.class);
  }

  @Test
  void classFilesAndResourcesAreServedFromInst() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(agentJar().toFile());
    URL classFile = loader.getResource(Greeting.class.getName().replace('.', '/') + ".class");
    assertThat(classFile).isNotNull();
    assertThat(classFile.toString()).endsWith(".classdata");
    assertThat(Collections.list(loader.getResources("META-INF/services/demo.Service"))).hasSize(1);
    try (InputStream in = loader.getResourceAsStream("META-INF/services/demo.Service")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("demo.Impl\n");
    }
    assertThat(loader.getResource("nothing/here.txt")).isNull();
  }

  @Test
  void streamsReadOwnEntriesFromTheJarAndTheParentsFirst() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(agentJar().toFile());
    String classFile = Greeting.class.getName().replace('.', '/') + ".class";
    byte[] expected;
    try (InputStream in = Greeting.class.getClassLoader().getResourceAsStream(classFile)) {
      expected = in.readAllBytes();
    }
    try (InputStream in = loader.getResourceAsStream(classFile)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    try (InputStream in = loader.getResourceAsStream("/" + classFile)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    try (InputStream in = loader.getResourceAsStream("java/lang/Object.class");
        InputStream jdk = Object.class.getResourceAsStream("Object.class")) {
      assertThat(in.readAllBytes()).isEqualTo(jdk.readAllBytes());
    }
    assertThat(loader.getResourceAsStream("nothing/here.txt")).isNull();
  }
}
