package dev.jouletrace.samples.isolation;

import java.net.URL;

/**
 * An application that brings its own, different, versions of the libraries the agent bundles (Byte
 * Buddy, JNA, the OpenTelemetry API) and uses them while the agent runs. It prints where each class
 * came from, so that a test can check that the application sees only its own copies and never the
 * agent's (nor the agent's OpenTelemetry SDK). Reflection only, so that it compiles without them.
 */
public final class OwnLibrariesApp {
  private OwnLibrariesApp() {}

  public static void main(String[] args) throws Exception {
    Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
    Object instance = byteBuddy.getConstructor().newInstance();
    System.out.println("byte-buddy " + location(byteBuddy) + " " + (instance != null));

    Class<?> jna = Class.forName("com.sun.jna.Native");
    // reading a constant initialises JNA, which loads its own native dispatch library
    int pointerSize = jna.getField("POINTER_SIZE").getInt(null);
    System.out.println("jna " + location(jna) + " pointer-size=" + pointerSize);

    Class<?> otel = Class.forName("io.opentelemetry.api.GlobalOpenTelemetry");
    Object openTelemetry = otel.getMethod("get").invoke(null);
    System.out.println(
        "otel-api " + location(otel) + " " + openTelemetry.getClass().getSimpleName());

    for (String agentOnly :
        new String[] {
          "io.opentelemetry.sdk.OpenTelemetrySdk", "dev.jouletrace.agent.internal.AgentStarter"
        }) {
      try {
        Class.forName(agentOnly);
        System.out.println("visible " + agentOnly);
      } catch (ClassNotFoundException expected) {
        System.out.println("invisible " + agentOnly);
      }
    }
  }

  private static String location(Class<?> type) {
    URL url = type.getProtectionDomain().getCodeSource().getLocation();
    String path = url.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
