package dev.jouletrace.samples.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Whether the Spark this module is built with can start on the Java running the tests. */
final class SparkOnThisJava {

  private SparkOnThisJava() {}

  /**
   * Skips the calling test, with the reason, on a Java newer than the module's Spark supports:
   * Spark 3.1 needs {@code DirectByteBuffer(long,int)}, changed in Java 21; Spark 3.5's Hadoop 3.3
   * needs {@code Subject.getSubject}, which fails from Java 23.
   */
  static void assumeSupported() {
    String sparkVersion = System.getProperty("jouletrace.it.sparkVersion", "");
    int newestJava = sparkVersion.startsWith("3.1.") ? 17 : 21;
    int java = Runtime.version().feature();
    assumeTrue(
        java <= newestJava,
        "Spark "
            + sparkVersion
            + " runs on Java "
            + newestJava
            + " at most, this is Java "
            + java
            + ": build with JDK 17, or with -Pspark-3.5 on JDK 21");
  }
}
