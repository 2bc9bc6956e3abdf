package dev.jouletrace.agent.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFactsTest {
  @TempDir Path dir;

  @Test
  void physicalMemoryIsReadFromMemTotalInKibibytes() throws IOException {
    Path meminfo =
        Files.write(
            dir.resolve("meminfo"),
            List.of(
                "MemTotal:       24579492 kB",
                "MemFree:         1234567 kB",
                "MemAvailable:   20000000 kB"));

    assertThat(JvmFacts.memTotalBytes(meminfo)).isEqualTo(24_579_492L * 1024);
  }

  @Test
  void anUnreadableOrUnexpectedFileSaysUnknown() throws IOException {
    assertThat(JvmFacts.memTotalBytes(dir.resolve("absent"))).isEqualTo(-1);
    Path noUnit = Files.write(dir.resolve("no-unit"), List.of("MemTotal: 24579492"));
    assertThat(JvmFacts.memTotalBytes(noUnit)).isEqualTo(-1);
    Path garbage = Files.write(dir.resolve("garbage"), List.of("MemTotal: lots kB"));
    assertThat(JvmFacts.memTotalBytes(garbage)).isEqualTo(-1);
    Path missing = Files.write(dir.resolve("missing"), List.of("MemFree: 1 kB"));
    assertThat(JvmFacts.memTotalBytes(missing)).isEqualTo(-1);
  }
}
