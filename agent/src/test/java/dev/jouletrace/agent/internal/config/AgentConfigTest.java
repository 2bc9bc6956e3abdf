package dev.jouletrace.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    AgentConfig c = AgentConfig.of(null, new Properties(), Map.of());
    assertThat(c.get(ConfigKeys.ENABLED)).isTrue();
    assertThat(c.get(ConfigKeys.REPORT_DIR)).isEqualTo(Paths.get("jouletrace-reports"));
    assertThat(c.get(ConfigKeys.REPORT_FORMATS)).containsExactly("json", "csv", "html");
    assertThat(c.get(ConfigKeys.PUE)).isNull();
    assertThat(c.get(ConfigKeys.SAMPLER_INTERVAL_MS)).isEqualTo(1000);
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void agentArgumentsBeatSystemPropertiesWhichBeatEnvironment() {
    AgentConfig c =
        AgentConfig.of(
            "pue=1.2",
            props("jouletrace.pue", "1.3", "jouletrace.carbon.intensity", "250"),
            Map.of(
                "JOULETRACE_PUE", "1.4",
                "JOULETRACE_CARBON_INTENSITY", "300",
                "JOULETRACE_SAMPLER_INTERVAL_MS", "250"));
    assertThat(c.get(ConfigKeys.PUE)).isEqualTo(1.2);
    assertThat(c.get(ConfigKeys.CARBON_INTENSITY)).isEqualTo(250.0);
    assertThat(c.get(ConfigKeys.SAMPLER_INTERVAL_MS)).isEqualTo(250);
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void agentArgumentsAcceptTheFullKeyToo() {
    AgentConfig c =
        AgentConfig.of("jouletrace.report.dir=/tmp/r, console=false", new Properties(), Map.of());
    assertThat(c.get(ConfigKeys.REPORT_DIR)).isEqualTo(Paths.get("/tmp/r"));
    assertThat(c.get(ConfigKeys.CONSOLE)).isFalse();
  }

  @Test
  void wrongValueNamesKeyValueAndWhatIsAcceptedAndFallsBackToDefault() {
    AgentConfig c = AgentConfig.of(null, props("jouletrace.pue", "0.5"), Map.of());
    assertThat(c.get(ConfigKeys.PUE)).isNull();
    assertThat(c.problems())
        .containsExactly(
            "system property jouletrace.pue='0.5' is not valid: expected a number between 1.0"
                + " and 3.0; using the default (the provider's figure, else 1.56)");
  }

  @Test
  void wrongEnvironmentValueNamesTheVariable() {
    AgentConfig c = AgentConfig.of(null, new Properties(), Map.of("JOULETRACE_ENABLED", "maybe"));
    assertThat(c.get(ConfigKeys.ENABLED)).isTrue();
    assertThat(c.problems()).hasSize(1);
    assertThat(c.problems().get(0))
        .startsWith("environment variable JOULETRACE_ENABLED for jouletrace.enabled='maybe'")
        .contains("expected true or false");
  }

  @Test
  void unknownAndMalformedArgumentsAreReportedNotFatal() {
    AgentConfig c = AgentConfig.of("nonsense,colour=blue", new Properties(), Map.of());
    assertThat(c.problems())
        .containsExactly(
            "agent argument 'nonsense' is not key=value; it is ignored (example:"
                + " -javaagent:jouletrace-agent.jar=report.dir=/tmp/r,pue=1.2)",
            "unknown agent argument 'colour' is ignored; see the configuration table in the"
                + " README for the keys");
  }

  @Test
  void reportFormatsAcceptAListAndRejectUnknownFormats() {
    assertThat(
            AgentConfig.of("report.formats=csv", new Properties(), Map.of())
                .get(ConfigKeys.REPORT_FORMATS))
        .isEqualTo(List.of("csv"));
    assertThat(
            AgentConfig.of("report.formats=json,csv,console=false", new Properties(), Map.of())
                .get(ConfigKeys.REPORT_FORMATS))
        .containsExactly("json", "csv");
    AgentConfig bad = AgentConfig.of("report.formats=json,pdf", new Properties(), Map.of());
    assertThat(bad.get(ConfigKeys.REPORT_FORMATS)).containsExactly("json", "csv", "html");
    assertThat(bad.problems()).hasSize(1);
  }

  @Test
  void liveIntensityUrlMustBeHttp() {
    AgentConfig ok =
        AgentConfig.of(
            "carbon.live.token=abc,carbon.live.url=http://127.0.0.1:9000/v3",
            new Properties(),
            Map.of());
    assertThat(ok.get(ConfigKeys.CARBON_LIVE_TOKEN)).isEqualTo("abc");
    assertThat(ok.get(ConfigKeys.CARBON_LIVE_URL)).hasToString("http://127.0.0.1:9000/v3");
    AgentConfig bad =
        AgentConfig.of(null, props("jouletrace.carbon.live.url", "file:///etc/passwd"), Map.of());
    assertThat(bad.get(ConfigKeys.CARBON_LIVE_URL))
        .hasToString("https://api.electricitymap.org/v3");
    assertThat(bad.problems()).singleElement().asString().contains("an http or https URL");
  }

  @Test
  void instrumentationSwitchesAreReadPerName() {
    AgentConfig c =
        AgentConfig.of(
            "instrumentation.djl-trainer.enabled=false",
            new Properties(),
            Map.of("JOULETRACE_INSTRUMENTATION_DL4J_GRAPH_ENABLED", "off"));
    assertThat(c.instrumentationEnabled("djl-trainer")).isFalse();
    assertThat(c.instrumentationEnabled("dl4j-graph")).isFalse();
    assertThat(c.instrumentationEnabled("dl4j-multilayer")).isTrue();
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void misspeltSystemPropertiesAndEnvironmentVariablesAreReportedOnce() {
    AgentConfig c =
        AgentConfig.of(
            null,
            props(
                "jouletrace.reprot.dir", "/tmp/r",
                "jouletrace.pue", "1.2",
                "jouletrace.instrumentation.dl4j-graph.enabled", "false",
                "jouletraceX.other", "1",
                "java.home", "/usr"),
            Map.of(
                "JOULETRACE_CONSOLE", "false",
                "JOULETRACE_PUEE", "1.3",
                "JOULETRACE_INSTRUMENTATION_DL4J_GRAPH_ENABLED", "false",
                "HOME", "/root"));
    assertThat(c.problems())
        .containsExactly(
            "unknown system property jouletrace.reprot.dir is ignored; see the configuration table"
                + " in the README for the keys",
            "unknown environment variable JOULETRACE_PUEE is ignored; see the configuration table"
                + " in the README for the keys");
    assertThat(c.get(ConfigKeys.PUE)).isEqualTo(1.2);
    assertThat(c.get(ConfigKeys.CONSOLE)).isFalse();
  }

  @Test
  void aSwitchNamingNoInstrumentationSaysWhichNamesThereAre() {
    AgentConfig c =
        AgentConfig.of(
            "instrumentation.dl4j.enabled=false",
            props(
                "jouletrace.instrumentation.dl4j-graph.enabled", "false",
                "jouletrace.instrumentation.djl.enabled", "false"),
            Map.of(
                "JOULETRACE_INSTRUMENTATION_DL4J_SOLVER_ENABLED", "false",
                "JOULETRACE_INSTRUMENTATION_SPARK_ENABLED", "false"));
    assertThat(c.problems()).isEmpty();

    c.reportUnknownInstrumentations(List.of("dl4j-solver", "dl4j-graph", "djl-trainer"));

    String names = "; the names: djl-trainer, dl4j-graph, dl4j-solver";
    assertThat(c.problems())
        .containsExactly(
            "jouletrace.instrumentation.djl.enabled names no instrumentation and switches nothing"
                + " off"
                + names,
            "jouletrace.instrumentation.dl4j.enabled names no instrumentation and switches nothing"
                + " off"
                + names,
            "JOULETRACE_INSTRUMENTATION_SPARK_ENABLED names no instrumentation and switches"
                + " nothing off"
                + names);
    assertThat(c.instrumentationEnabled("dl4j-graph")).isFalse();
    assertThat(c.instrumentationEnabled("dl4j-solver")).isFalse();
  }

  @Test
  void environmentVariableNamesFollowTheKey() {
    assertThat(ConfigKeys.SAMPLER_INTERVAL_MS.environmentVariable())
        .isEqualTo("JOULETRACE_SAMPLER_INTERVAL_MS");
    assertThat(ConfigKeys.CARBON_INTENSITY_FILE.environmentVariable())
        .isEqualTo("JOULETRACE_CARBON_INTENSITY_FILE");
    assertThat(ConfigKeys.CARBON_INTENSITY_FILE.agentArgument()).isEqualTo("carbon.intensity.file");
  }
}
