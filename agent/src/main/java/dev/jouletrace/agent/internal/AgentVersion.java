package dev.jouletrace.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this agent was built as, from a resource the build fills in. */
public final class AgentVersion {
  private static final String VERSION = load();

  private AgentVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
