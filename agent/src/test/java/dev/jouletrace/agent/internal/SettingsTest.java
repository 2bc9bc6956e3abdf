package dev.jouletrace.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.agent.internal.config.AgentConfig;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static AgentConfig config(String args) {
    return AgentConfig.of(args, new Properties(), Map.of());
  }

  @Test
  void theWeaveCacheIsWhereConfiguredElseUnderXdgElseUnderHomeAndNoneIsNone() {
    assertThat(Settings.weaveCacheDir(config("cache.dir=/tmp/wc"), Map.of()))
        .isEqualTo(Paths.get("/tmp/wc"));
    assertThat(Settings.weaveCacheDir(config("cache.dir=none"), Map.of())).isNull();
    assertThat(Settings.weaveCacheDir(config(null), Map.of("XDG_CACHE_HOME", "/var/cache/me")))
        .isEqualTo(Paths.get("/var/cache/me", "jouletrace"));
    // a relative XDG_CACHE_HOME is ignored, as the XDG specification says
    assertThat(Settings.weaveCacheDir(config(null), Map.of("XDG_CACHE_HOME", "rel")))
        .isEqualTo(Paths.get(System.getProperty("user.home"), ".cache", "jouletrace"));
    assertThat(Settings.weaveCacheDir(config(null), Map.of()))
        .isEqualTo(Paths.get(System.getProperty("user.home"), ".cache", "jouletrace"));
  }
}
