package dev.jouletrace.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's implementation (Byte Buddy, the OpenTelemetry SDK, JNA, probes) from the {@code
 * inst/} folder of the agent jar, where classes are stored as {@code .classdata} so that no
 * application class loader or class-path scanner can see them. Its parent is the platform loader:
 * the application's own copies of those libraries never leak in, and ours never leak out.
 */
public final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";
  private static final String CLASS_SUFFIX = ".class";
  private static final String CLASSDATA_SUFFIX = ".classdata";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  public AgentClassLoader(File agentJar) throws IOException {
    super("jouletrace", ClassLoader.getPlatformClassLoader());
    this.jar = new JarFile(agentJar, false);
    URL location = agentJar.toURI().toURL();
    this.jarUrl = "jar:" + location.toExternalForm() + "!/";
    this.protectionDomain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASSDATA_SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
          // another thread defined it first: nothing to do
        }
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    String entryName = entryName(name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As {@link ClassLoader#getResourceAsStream}, parent first, but our own entries are read straight
   * from the jar already open: not through a {@code jar:} URL, whose handler opens the agent jar a
   * second time and costs a start-up its own classes (the carbon tables, the advice class files
   * Byte Buddy reads; docs/BENCHMARKS.md, start-up).
   */
  @Override
  public InputStream getResourceAsStream(String name) {
    URL fromParent = getParent().getResource(name);
    try {
      if (fromParent != null) {
        return fromParent.openStream();
      }
      JarEntry entry = jar.getJarEntry(entryName(name));
      return entry == null ? null : jar.getInputStream(entry);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(Collections.singleton(url));
  }

  /** Class files are asked for by their usual name (Byte Buddy reads advice that way). */
  private static String entryName(String resourceName) {
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    if (name.endsWith(CLASS_SUFFIX)) {
      name = name.substring(0, name.length() - CLASS_SUFFIX.length()) + CLASSDATA_SUFFIX;
    }
    return PREFIX + name;
  }
}
