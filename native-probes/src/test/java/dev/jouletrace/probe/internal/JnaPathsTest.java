package dev.jouletrace.probe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class JnaPathsTest {
  @Test
  void jnaStartsWithoutLeavingItsSearchPathPropertyBehindAndLibcStillBinds() {
    String before = System.getProperty(JnaPaths.PROPERTY);
    JnaPaths.beforeFirstUse();
    assertThat(System.getProperty(JnaPaths.PROPERTY)).isEqualTo(before);
    assertThat(JnaPaths.standardDirectories()).isNotEmpty().allMatch(d -> d.startsWith("/"));
    // libc is found through those directories (the CPU estimate's clock depends on it)
    assertThat(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("clock_gettime"))
        .isNotNull();
  }
}
