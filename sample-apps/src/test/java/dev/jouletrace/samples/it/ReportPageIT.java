package dev.jouletrace.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.samples.djl.DjlMlp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real DJL trainings with validation, in two places, give report folders; {@code java -jar
 * jouletrace-agent.jar report} renders one run's page and the two compared; headless Chromium opens
 * both: every chart's SVG shapes are in the DOM after load, and the screenshot is not blank where
 * each chart is drawn. Skipped only when chromium is absent and CI is not set.
 */
class ReportPageIT {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 4200;

  /** The charts of a run, and a shape each must hold. */
  private static final Map<String, String> RUN_CHARTS = new LinkedHashMap<>();

  static {
    RUN_CHARTS.put("learning", "<polyline class=\"curve\"");
    RUN_CHARTS.put("power", "<polyline class=\"power\"");
    RUN_CHARTS.put("energy", "<rect class=\"bar\"");
    RUN_CHARTS.put("efficiency", "<rect class=\"");
    RUN_CHARTS.put("co2", "<polyline class=\"actual\"");
  }

  private final ItSettings settings = ItSettings.fromSystemProperties();

  @Test
  void aRunsPageAndTwoRunsComparedAreDrawnInChromium() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.required(), "chromium is not installed here and CI is not set");
    Path fr = train("page-fr", "FR", "64");
    Path pl = train("page-pl", "PL", "32");
    Path work = Files.createDirectories(settings.workDir().resolve("page-render"));
    HeadlessChromium chromium = new HeadlessChromium(work);

    // the command line: wrong arguments, one folder, two folders
    Cli none = cli(work);
    assertThat(none.exit).as(none.output).isEqualTo(2);
    assertThat(none.output).contains("usage: java -jar jouletrace-agent.jar report");
    Path single = work.resolve("single.html");
    Cli one = cli(work, fr.toString(), "-o", single.toString());
    assertThat(one.exit).as(one.output).isZero();
    Path compared = work.resolve("compared.html");
    Cli two = cli(work, fr.toString(), pl.toString(), "-o", compared.toString());
    assertThat(two.exit).as(two.output).isZero();
    assertThat(two.output).contains("(2 runs)");

    // the page the agent wrote itself is the one the command renders again
    String written = Files.readString(fr.resolve("report.html"));
    assertThat(written).doesNotContain("<script").contains("data-chart=\"learning\"");

    Map<String, int[]> boxes = drawn(chromium, single, work.resolve("single.png"), List.of());
    assertThat(boxes.keySet()).containsAll(RUN_CHARTS.keySet());
    Map<String, int[]> comparedBoxes =
        drawn(chromium, compared, work.resolve("compared.png"), List.of("comparison"));
    assertThat(comparedBoxes.keySet()).contains("comparison").containsAll(RUN_CHARTS.keySet());
  }

  /** Trains 4 epochs with validation, placed in {@code country}; returns its report folder. */
  private Path train(String name, String country, String batch) throws Exception {
    ForkResult result =
        ForkedJvm.of(settings, name, DjlMlp.class)
            .systemProperty("jouletrace.location.country", country)
            .systemProperty("jouletrace.sampler.interval_ms", 200)
            .appArgs("--epochs", "4", "--rows", "2000", "--batch", batch)
            .run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    try (Stream<Path> folders = Files.list(result.reportDir())) {
      List<Path> list = folders.toList();
      assertThat(list).as("report folders of " + name).hasSize(1);
      Path folder = list.get(0);
      assertThat(folder.resolve("power.csv")).isRegularFile();
      return folder;
    }
  }

  private record Cli(int exit, String output) {}

  private Cli cli(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(settings.agentJar().toString());
    command.add("report");
    command.addAll(List.of(args));
    Path log = work.resolve("cli-" + args.length + ".txt");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("report command finished").isTrue();
    return new Cli(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * Opens the page in Chromium: checks each chart's shapes in the loaded DOM, then where each
   * visible chart lies (a copy of the page with a script that writes each chart's box into the
   * DOM), then that the screenshot has drawing in each box. Returns the boxes by chart.
   */
  private Map<String, int[]> drawn(
      HeadlessChromium chromium, Path page, Path png, List<String> extraCharts) throws Exception {
    String dom = chromium.dumpDom(page, WIDTH, HEIGHT);
    Map<String, String> expected = new LinkedHashMap<>(RUN_CHARTS);
    if (extraCharts.contains("comparison")) {
      expected.put("comparison", "<polyline class=\"curve\"");
    }
    for (Map.Entry<String, String> chart : expected.entrySet()) {
      String svg = chart(dom, chart.getKey());
      assertThat(svg).as("chart " + chart.getKey() + " in the DOM").contains(chart.getValue());
      assertThat(svg).contains("<text class=\"tick\"");
    }
    if (extraCharts.contains("comparison")) {
      assertThat(count(chart(dom, "comparison"), "<polyline class=\"curve\"")).isEqualTo(2);
    }

    Path probe = page.resolveSibling(page.getFileName() + ".probe.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    Files.writeString(
        probe,
        html.replace(
            "</body>",
            "<script>document.querySelectorAll('svg.chart').forEach(function(s){"
                + "var r=s.getBoundingClientRect();if(r.width>0){s.setAttribute('data-box',"
                + "[r.left+scrollX,r.top+scrollY,r.width,r.height].map(Math.round).join(' '));}"
                + "});</script></body>"),
        StandardCharsets.UTF_8);
    String probed = chromium.dumpDom(probe, WIDTH, HEIGHT);
    Map<String, int[]> boxes = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("data-chart=\"([a-z0-9]+)\"[^>]*data-box=\"(\\d+) (\\d+) (\\d+) (\\d+)\"")
            .matcher(probed);
    while (m.find()) {
      boxes.putIfAbsent(
          m.group(1),
          new int[] {
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5))
          });
    }
    chromium.screenshot(probe, png, WIDTH, HEIGHT);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    for (Map.Entry<String, int[]> box : boxes.entrySet()) {
      int[] b = box.getValue();
      assertThat(b[1] + b[3])
          .as("chart " + box.getKey() + " within the screenshot")
          .isLessThan(HEIGHT);
      Ink ink = ink(image, b);
      assertThat(ink.share())
          .as(
              "share of drawn pixels in chart %s at %s",
              box.getKey(), List.of(b[0], b[1], b[2], b[3]))
          .isGreaterThan(0.02);
      assertThat(ink.series)
          .as("pixels of a data colour (blue or vermillion) in chart %s", box.getKey())
          .isGreaterThan(40);
    }
    return boxes;
  }

  private record Ink(long drawn, long series, long all) {
    double share() {
      return (double) drawn / all;
    }
  }

  /** Pixels that are not background, and pixels of the data colours, in a box. */
  private static Ink ink(BufferedImage image, int[] box) {
    long drawn = 0;
    long series = 0;
    long all = 0;
    for (int y = box[1]; y < Math.min(image.getHeight(), box[1] + box[3]); y++) {
      for (int x = box[0]; x < Math.min(image.getWidth(), box[0] + box[2]); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int bl = rgb & 0xff;
        all++;
        if (r < 235 || g < 235 || bl < 235) {
          drawn++;
        }
        if (near(r, g, bl, 0x00, 0x72, 0xB2) || near(r, g, bl, 0xD5, 0x5E, 0x00)) {
          series++;
        }
      }
    }
    return new Ink(drawn, series, all);
  }

  private static boolean near(int r, int g, int b, int r0, int g0, int b0) {
    return Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) < 60;
  }

  private static String chart(String dom, String chart) {
    Matcher m =
        Pattern.compile(
                "<svg class=\"chart\" data-chart=\"" + chart + "\".*?</svg>", Pattern.DOTALL)
            .matcher(dom);
    assertThat(m.find()).as("chart " + chart + " in the DOM").isTrue();
    return m.group();
  }

  private static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }
}
