package dev.jouletrace.agent.internal.otel;

import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Loads the user's OpenTelemetry extensions ({@code jouletrace.otel.extensions}): exporters,
 * samplers, span processors, resource providers, found by the SDK through {@code META-INF/services}
 * as in any OpenTelemetry SDK. Its parent is the agent's own loader, so an extension sees our SDK
 * and never the application's.
 *
 * <p>Inside the agent jar the SDK lives under {@code dev.jouletrace.shaded.io.opentelemetry} (so
 * that another OpenTelemetry agent does not take it for the application's). An extension is
 * compiled against {@code io.opentelemetry}: this loader rewrites each class it defines from the
 * extension's jars (the constant pool's class names and descriptors, with ASM's remapper) and the
 * names in its service files, so the extension links against the relocated SDK unchanged. The
 * OpenTelemetry classes an extension jar bundles itself (say {@code
 * io.opentelemetry.exporter.zipkin}) are relocated the same way. Class names built at run time from
 * strings ({@code Class.forName("io.opentelemetry…")}) are not rewritten (docs/OTEL.md §4).
 */
public final class ExtensionLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  /** {@code io/opentelemetry/}, built at run time so that the jar's relocation leaves it alone. */
  private static final String ORIGINAL = String.join("/", "io", "opentelemetry") + "/";

  private static final String SERVICES = "META-INF/services/";

  private final List<JarFile> jars;
  private final String relocated;

  private ExtensionLoader(List<JarFile> jars, ClassLoader parent, String relocated) {
    super(parent);
    this.jars = jars;
    this.relocated = relocated;
  }

  /**
   * A loader over the jars that can be opened (each one that cannot is said once through {@code
   * problems}), or {@code parent} itself when there are none.
   */
  public static ClassLoader open(List<Path> paths, ClassLoader parent, Consumer<String> problems) {
    List<JarFile> jars = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isRegularFile(path)) {
        problems.accept(
            "jouletrace.otel.extensions: " + path + " is not a readable jar; it is skipped");
        continue;
      }
      try {
        jars.add(new JarFile(path.toFile()));
      } catch (IOException | RuntimeException e) {
        problems.accept(
            "jouletrace.otel.extensions: " + path + " cannot be opened (" + e + "); it is skipped");
      }
    }
    if (jars.isEmpty()) {
      return parent;
    }
    return new ExtensionLoader(jars, parent, sdkPackage());
  }

  /** {@code io/opentelemetry/} or, inside the agent jar, where it was relocated to. */
  static String sdkPackage() {
    String api = OpenTelemetry.class.getName().replace('.', '/');
    return api.substring(0, api.length() - "api/OpenTelemetry".length());
  }

  private boolean relocating() {
    return !relocated.equals(ORIGINAL);
  }

  /** Where the class or resource named (as the SDK sees it) is in the extension's jars. */
  private String original(String path) {
    if (relocating() && path.startsWith(relocated)) {
      return ORIGINAL + path.substring(relocated.length());
    }
    if (path.startsWith(SERVICES + relocated.replace('/', '.'))) {
      return SERVICES
          + ORIGINAL.replace('/', '.')
          + path.substring(SERVICES.length() + relocated.length());
    }
    return path;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String entryName = original(name.replace('.', '/')) + ".class";
    for (JarFile jar : jars) {
      JarEntry entry = jar.getJarEntry(entryName);
      if (entry == null) {
        continue;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        byte[] bytes = relocate(in.readAllBytes());
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException | RuntimeException e) {
        throw new ClassNotFoundException(name + " in " + jar.getName(), e);
      }
    }
    throw new ClassNotFoundException(name);
  }

  /** The class with every reference to {@code io.opentelemetry} pointing at our relocated SDK. */
  byte[] relocate(byte[] classFile) {
    if (!relocating()) {
      return classFile;
    }
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassRemapper(
            writer,
            new Remapper() {
              @Override
              public String map(String internalName) {
                return internalName.startsWith(ORIGINAL)
                    ? relocated + internalName.substring(ORIGINAL.length())
                    : internalName;
              }
            }),
        0);
    return writer.toByteArray();
  }

  @Override
  protected URL findResource(String name) {
    Enumeration<URL> all = findResources(name);
    return all.hasMoreElements() ? all.nextElement() : null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    String entryName = original(name);
    List<URL> urls = new ArrayList<>();
    for (JarFile jar : jars) {
      JarEntry entry = jar.getJarEntry(entryName);
      if (entry == null) {
        continue;
      }
      try {
        if (name.startsWith(SERVICES)) {
          urls.add(inMemory(name, serviceFile(jar, entry)));
        } else {
          urls.add(new URL("jar:" + Path.of(jar.getName()).toUri() + "!/" + entryName));
        }
      } catch (IOException e) {
        // an unreadable entry is as if absent; the SDK reports what it then cannot find
      }
    }
    return Collections.enumeration(urls);
  }

  /** A service file with the provider class names as this loader defines them. */
  private byte[] serviceFile(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (relocating()) {
        text = text.replace(ORIGINAL.replace('/', '.'), relocated.replace('/', '.'));
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static URL inMemory(String name, byte[] content) throws MalformedURLException {
    return new URL(
        null,
        "jouletrace-extension:" + name,
        new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
              @Override
              public void connect() {}

              @Override
              public InputStream getInputStream() {
                return new ByteArrayInputStream(content);
              }
            };
          }
        });
  }
}
