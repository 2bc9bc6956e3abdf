package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loop.ShortEpochs;
import dev.jouletrace.export.EmissionsCsv;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The agent as an OpenTelemetry citizen of a cluster (issue 12), each time in forked JVMs that
 * export to an OTLP/HTTP receiver on loopback: metrics by the hardware conventions, a resource that
 * says where, one trace over many JVMs through {@code TRACEPARENT}, and an extension compiled
 * against {@code io.opentelemetry} loaded into the agent's relocated SDK.
 */
class OpenTelemetryNativeIT {
  private static final String LOOP = ShortEpochs.class.getName();
  private static final String TARGETS = "targets=" + LOOP + "#run:run," + LOOP + "#epoch:epoch";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final ItSettings settings = ItSettings.fromSystemProperties();

  @Test
  void metricsFollowTheHardwareConventionsAndTheResourceSaysWhere() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ForkResult fork =
          loop("otel-metrics")
              .exportingTo(receiver)
              .systemProperty("otel.metrics.exporter", "otlp")
              .systemProperty("otel.metric.export.interval", 500)
              .environment("OTEL_RESOURCE_ATTRIBUTES", "slurm.job.id=4242,k8s.pod.name=trainer-0")
              .run();
      assertThat(fork.exitCode()).as(fork.describe()).isZero();
      assertThat(fork.stderrLines()).noneMatch(line -> line.contains("not delivered"));
      assertThat(receiver.problems()).isEmpty();

      List<ResourceMetrics> batches = receiver.metrics();
      assertThat(batches).as("metric exports received").isNotEmpty();
      List<Metric> last = metrics(batches.get(batches.size() - 1));
      Metric energy = named(last, "hw.energy");
      assertThat(energy.getUnit()).isEqualTo("J");
      assertThat(energy.getSum().getIsMonotonic()).isTrue();
      assertThat(energy.getSum().getDataPointsList())
          .isNotEmpty()
          .allSatisfy(
              point -> {
                assertThat(string(point.getAttributesList(), "hw.id")).isPresent();
                assertThat(string(point.getAttributesList(), "hw.type"))
                    .hasValueSatisfying(t -> assertThat(t).isIn("cpu", "gpu", "memory"));
                assertThat(point.getAsDouble()).isPositive();
              });
      Metric power = named(last, "hw.power");
      assertThat(power.getUnit()).isEqualTo("W");
      assertThat(power.hasGauge()).isTrue();
      assertThat(power.getGauge().getDataPointsList())
          .allSatisfy(point -> assertThat(point.getAsDouble()).isNotNegative());
      assertThat(named(last, "jouletrace.process.energy").getSum().getDataPointsList())
          .isNotEmpty();
      assertThat(named(last, "jouletrace.co2").getSum().getDataPointsList())
          .extracting(p -> string(p.getAttributesList(), "jouletrace.co2.kind").orElse(""))
          .contains("operational", "embodied");
      // no attribute that grows with the epochs: one series per device
      assertThat(
              energy.getSum().getDataPointsList().stream()
                  .flatMap(p -> p.getAttributesList().stream())
                  .map(KeyValue::getKey))
          .noneMatch(key -> key.contains("epoch") || key.contains("run"));

      Resource resource = batches.get(0).getResource();
      assertThat(keys(resource))
          .contains(
              "service.name",
              "host.name",
              "host.arch",
              "os.type",
              "process.pid",
              "process.runtime.name",
              "process.runtime.version",
              "jouletrace.energy.domains",
              "jouletrace.gpu.count")
          .doesNotContain(
              "process.command_line", "process.command_args", "process.executable.path");
      assertThat(string(resource.getAttributesList(), "slurm.job.id")).hasValue("4242");
      assertThat(string(resource.getAttributesList(), "k8s.pod.name")).hasValue("trainer-0");
      assertThat(string(resource.getAttributesList(), "service.name")).hasValue("ShortEpochs");
      // spans carry the same resource
      assertThat(receiver.resources()).isNotEmpty();
      assertThat(keys(receiver.resources().get(0))).containsAll(keys(resource));

      // and the report folder has the run in CodeCarbon's format
      Path emissions =
          RunReport.readSingle(fork.reportDir()).file().resolveSibling("emissions.csv");
      List<String> lines = Files.readAllLines(emissions, StandardCharsets.UTF_8);
      assertThat(List.of(lines.get(0).split(",", -1))).isEqualTo(EmissionsCsv.COLUMNS);
      assertThat(lines).hasSize(2);
      List<String> row = List.of(lines.get(1).split(",", -1));
      assertThat(row).hasSize(EmissionsCsv.COLUMNS.size());
      assertThat(row.get(EmissionsCsv.COLUMNS.indexOf("project_name"))).isEqualTo("ShortEpochs");
      assertThat(Double.parseDouble(row.get(EmissionsCsv.COLUMNS.indexOf("emissions"))))
          .isPositive();
      assertThat(row.get(EmissionsCsv.COLUMNS.indexOf("tracking_mode"))).isEqualTo("process");
    }
  }

  @Test
  void twoJvmsStartedWithOneTraceparentLandInOneTrace() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
      ForkedJvm.Running first =
          loop("otel-traceparent-1")
              .exportingTo(receiver)
              .environment("TRACEPARENT", traceparent)
              // a provider switched off by its published name, as with any OpenTelemetry SDK
              .systemProperty(
                  "otel.java.disabled.resource.providers",
                  "io.opentelemetry.instrumentation.resources.OsResourceProvider")
              .start();
      ForkedJvm.Running second =
          loop("otel-traceparent-2")
              .exportingTo(receiver)
              .environment("TRACEPARENT", traceparent)
              .start();
      ForkResult one = first.await();
      ForkResult two = second.await();
      assertThat(one.exitCode()).as(one.describe()).isZero();
      assertThat(two.exitCode()).as(two.describe()).isZero();

      List<ExportedSpan> spans =
          receiver.awaitSpans(
              all -> all.stream().filter(s -> s.name().equals("training.run")).count() >= 2,
              Duration.ofSeconds(10));
      List<ExportedSpan> runs =
          spans.stream().filter(s -> s.name().equals("training.run")).collect(Collectors.toList());
      assertThat(runs).hasSize(2);
      assertThat(spans).extracting(ExportedSpan::traceId).containsOnly(TRACE_ID);
      assertThat(runs).extracting(ExportedSpan::parentSpanId).containsOnly(PARENT_ID);
      assertThat(receiver.resources())
          .extracting(r -> string(r.getAttributesList(), "process.pid").orElse(""))
          .doesNotContain("")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              receiver.resources().stream()
                  .map(r -> r.getAttributesList().toString())
                  .distinct()
                  .count())
          .as("two JVMs, two resources")
          .isEqualTo(2);
      assertThat(receiver.resources())
          .extracting(r -> keys(r).contains("os.type"))
          .as("os.type: only the JVM that did not switch the OS provider off")
          .contains(true, false);
    }
  }

  @Test
  void anExtensionCompiledAgainstOpenTelemetryExportsTheSpans() throws Exception {
    Path dir = settings.workDir().resolve("otel-extension-jar");
    Files.createDirectories(dir);
    Path jar = extensionJar(dir);
    Path lines = dir.resolve("spans.txt");
    Files.deleteIfExists(lines);

    ForkResult fork =
        ForkedJvm.of(settings, "otel-extension", ShortEpochs.class)
            .agentArgs(TARGETS + ",otel.extensions=" + jar)
            .systemProperty("otel.traces.exporter", "lines")
            .systemProperty("otel.exporter.lines.file", lines)
            .systemProperty("otel.bsp.schedule.delay", 200)
            .appArgs("--epochs", "3", "--epoch-micros", "100000")
            .run();
    assertThat(fork.exitCode()).as(fork.describe()).isZero();

    assertThat(Files.readAllLines(lines, StandardCharsets.UTF_8))
        .as(fork.describe())
        .filteredOn(line -> line.startsWith("span training.epoch "))
        .hasSize(3);
    assertThat(Files.readAllLines(lines, StandardCharsets.UTF_8))
        .filteredOn(line -> line.startsWith("span training.run "))
        .hasSize(1);
    assertThat(fork.stderrLines()).noneMatch(line -> line.contains("cannot export"));
  }

  private ForkedJvm loop(String name) {
    return ForkedJvm.of(settings, name, ShortEpochs.class)
        .agentArgs(TARGETS)
        .appArgs("--epochs", "6", "--epoch-micros", "200000");
  }

  /** A span exporter named {@code lines}, compiled here against the unrelocated SDK. */
  private static Path extensionJar(Path dir) throws IOException, URISyntaxException {
    Path src = dir.resolve("src/com/example/ext/LinesExporterProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        String.join(
            "\n",
            "package com.example.ext;",
            "import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;",
            "import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;",
            "import io.opentelemetry.sdk.common.CompletableResultCode;",
            "import io.opentelemetry.sdk.trace.data.SpanData;",
            "import io.opentelemetry.sdk.trace.export.SpanExporter;",
            "import java.nio.file.*;",
            "import java.util.Collection;",
            "public final class LinesExporterProvider implements ConfigurableSpanExporterProvider {",
            "  public String getName() { return \"lines\"; }",
            "  public SpanExporter createExporter(ConfigProperties config) {",
            "    Path file = Paths.get(config.getString(\"otel.exporter.lines.file\"));",
            "    return new SpanExporter() {",
            "      public CompletableResultCode export(Collection<SpanData> spans) {",
            "        StringBuilder b = new StringBuilder();",
            "        for (SpanData s : spans) {",
            "          b.append(\"span \").append(s.getName()).append(' ')",
            "              .append(s.getTraceId()).append('\\n');",
            "        }",
            "        try {",
            "          Files.write(file, b.toString().getBytes(),",
            "              StandardOpenOption.CREATE, StandardOpenOption.APPEND);",
            "          return CompletableResultCode.ofSuccess();",
            "        } catch (java.io.IOException e) {",
            "          return CompletableResultCode.ofFailure();",
            "        }",
            "      }",
            "      public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }",
            "      public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }",
            "    };",
            "  }",
            "}",
            ""));
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    String classpath =
        Stream.of(
                ConfigurableSpanExporterProvider.class,
                ConfigProperties.class,
                CompletableResultCode.class,
                SpanData.class,
                io.opentelemetry.api.trace.SpanKind.class,
                io.opentelemetry.context.Context.class)
            .map(OpenTelemetryNativeIT::location)
            .distinct()
            .collect(Collectors.joining(java.io.File.pathSeparator));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "--release",
            "11",
            "-cp",
            classpath,
            "-d",
            classes.toString(),
            src.toString());
    assertThat(rc).as("javac of the extension").isZero();
    Path jar = dir.resolve("lines-exporter.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      List<Path> classFiles;
      try (Stream<Path> walk = Files.walk(classes)) {
        classFiles = walk.filter(Files::isRegularFile).collect(Collectors.toList());
      }
      for (Path c : classFiles) {
        out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(c));
        out.closeEntry();
      }
      out.putNextEntry(
          new JarEntry("META-INF/services/" + ConfigurableSpanExporterProvider.class.getName()));
      out.write("com.example.ext.LinesExporterProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Metric> metrics(ResourceMetrics batch) {
    List<Metric> all = new ArrayList<>();
    for (ScopeMetrics scope : batch.getScopeMetricsList()) {
      all.addAll(scope.getMetricsList());
    }
    return all;
  }

  private static Metric named(List<Metric> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " not among "
                        + metrics.stream().map(Metric::getName).collect(Collectors.toList())));
  }

  private static List<String> keys(Resource resource) {
    return resource.getAttributesList().stream().map(KeyValue::getKey).collect(Collectors.toList());
  }

  private static Optional<String> string(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(
            v ->
                v.getValueCase() == AnyValue.ValueCase.INT_VALUE
                    ? Long.toString(v.getIntValue())
                    : v.getStringValue())
        .findFirst();
  }
}
