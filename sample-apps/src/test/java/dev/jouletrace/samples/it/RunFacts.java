package dev.jouletrace.samples.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * Checks every shape's run must pass, whatever the shape: a run is never empty, its epochs hold
 * every batch and row the framework trained, its energy covers its whole duration, and the console
 * shows each epoch once.
 */
final class RunFacts {

  /**
   * The part of a run outside its epochs, in {@code totals} of report.json. Not written by the
   * agent yet: issue 9 asks that time and energy between epochs (scoring, checkpointing, data
   * loading between fits) belong to the run "as their own part (for example a between_epochs
   * figure)". The tests expect {@code totals.between_epochs} = {@code {"duration_s": …, "energy_j":
   * …}} such that the run's duration is its epochs' durations plus this duration, and the run's
   * energy its epochs' energy plus this energy. If the lead names it differently, this constant is
   * the one place to change.
   */
  static final String BETWEEN_EPOCHS = "between_epochs";

  /** Relative tolerance of sums of report figures (they are written with full double precision). */
  static final double SUM_TOLERANCE = 1e-6;

  /** Absolute tolerance in seconds on sums of durations (start and end are written to the ns). */
  static final double SECONDS_TOLERANCE = 1e-3;

  private static final Pattern EPOCH_LINE =
      Pattern.compile("^\\[jouletrace\\] (\\S+) run (\\d+) epoch (\\d+)\\b.*");
  private static final Pattern CONDENSED_LINE =
      Pattern.compile("^\\[jouletrace\\] (\\S+) run (\\d+) epochs (\\d+)-(\\d+):.*");

  private RunFacts() {}

  static List<JsonNode> epochs(JsonNode run) {
    List<JsonNode> epochs = new ArrayList<>();
    run.path("epochs").forEach(epochs::add);
    return epochs;
  }

  static long sum(JsonNode run, String field) {
    long sum = 0;
    for (JsonNode epoch : epochs(run)) {
      sum += epoch.path(field).asLong();
    }
    return sum;
  }

  static double sumDouble(JsonNode run, String field) {
    double sum = 0;
    for (JsonNode epoch : epochs(run)) {
      sum += epoch.path(field).asDouble();
    }
    return sum;
  }

  /**
   * A run that is there at all has epochs (or windows) with batches, and together they hold every
   * minibatch and every row the framework trained.
   */
  static void assertHoldsEveryBatchAndRow(
      SoftAssertions softly, JsonNode run, long batches, long rows) {
    List<JsonNode> epochs = epochs(run);
    softly
        .assertThat(epochs)
        .as("epochs of run %s: a run is never empty", number(run))
        .isNotEmpty();
    for (JsonNode epoch : epochs) {
      softly
          .assertThat(epoch.path("batches").asLong())
          .as("batches of epoch %s (no empty epoch)", epoch.path("index").asText())
          .isPositive();
      softly
          .assertThat(epoch.path("samples").isNumber())
          .as("samples of epoch %s known (%s)", epoch.path("index").asText(), epoch.path("samples"))
          .isTrue();
    }
    softly
        .assertThat(sum(run, "batches"))
        .as("batches in all epochs = the framework's minibatches")
        .isEqualTo(batches);
    softly
        .assertThat(sum(run, "samples"))
        .as("samples in all epochs = rows trained")
        .isEqualTo(rows);
    softly
        .assertThat(run.path("totals").path("energy_j").asDouble())
        .as("energy of run %s", number(run))
        .isPositive();
  }

  /**
   * The run's energy covers its whole duration: what is not in an epoch is in {@link
   * #BETWEEN_EPOCHS}, so that epochs + between = the run, in time and in energy.
   */
  static void assertEnergyCoversTheRun(SoftAssertions softly, JsonNode run) {
    JsonNode totals = run.path("totals");
    double epochsEnergy = sumDouble(run, "energy_j");
    double epochsSeconds = sumDouble(run, "duration_s");
    double runEnergy = totals.path("energy_j").asDouble();
    double runSeconds = totals.path("duration_s").asDouble();
    softly
        .assertThat(runEnergy)
        .as("run energy >= the sum of its epochs' energy")
        .isGreaterThanOrEqualTo(epochsEnergy * (1 - SUM_TOLERANCE));
    softly
        .assertThat(runSeconds)
        .as("run duration >= the sum of its epochs' durations")
        .isGreaterThanOrEqualTo(epochsSeconds - SECONDS_TOLERANCE);
    JsonNode between = totals.path(BETWEEN_EPOCHS);
    softly
        .assertThat(between.isObject())
        .as(
            "totals.%s in report.json: the run's %.3f s outside its epochs (run %.3f s, epochs"
                + " %.3f s) must be accounted with their energy",
            BETWEEN_EPOCHS, runSeconds - epochsSeconds, runSeconds, epochsSeconds)
        .isTrue();
    if (!between.isObject()) {
      return;
    }
    double betweenSeconds = between.path("duration_s").asDouble();
    double betweenEnergy = between.path("energy_j").asDouble();
    softly
        .assertThat(epochsSeconds + betweenSeconds)
        .as("epochs + between epochs = run duration")
        .isCloseTo(runSeconds, org.assertj.core.data.Offset.offset(SECONDS_TOLERANCE));
    softly
        .assertThat(epochsEnergy + betweenEnergy)
        .as("epochs + between epochs = run energy")
        .isCloseTo(runEnergy, org.assertj.core.data.Percentage.withPercentage(100 * SUM_TOLERANCE));
    softly.assertThat(betweenEnergy).as("energy between epochs").isGreaterThanOrEqualTo(0);
  }

  /**
   * Each of the run's epochs is on the console exactly once, on its own line or in a condensed
   * group, and no line is only a forecast.
   */
  static void assertConsoleShowsEachEpochOnce(
      SoftAssertions softly, List<String> console, String framework, JsonNode run) {
    long number = number(run);
    int[] seen = new int[epochs(run).size()];
    List<String> outOfRange = new ArrayList<>();
    for (String line : console) {
      Matcher single = EPOCH_LINE.matcher(line);
      Matcher group = CONDENSED_LINE.matcher(line);
      int from;
      int to;
      if (group.matches()
          && group.group(1).equals(framework)
          && group.group(2).equals("" + number)) {
        from = Integer.parseInt(group.group(3));
        to = Integer.parseInt(group.group(4));
      } else if (single.matches()
          && single.group(1).equals(framework)
          && single.group(2).equals("" + number)) {
        from = Integer.parseInt(single.group(3));
        to = from;
      } else {
        continue;
      }
      for (int i = from; i <= to; i++) {
        if (i < seen.length) {
          seen[i]++;
        } else {
          outOfRange.add(line);
        }
      }
    }
    softly.assertThat(outOfRange).as("console lines of epochs the report does not have").isEmpty();
    for (int i = 0; i < seen.length; i++) {
      softly
          .assertThat(seen[i])
          .as("console lines showing run %d epoch %d", number, i)
          .isEqualTo(1);
    }
    softly
        .assertThat(console)
        .as("a forecast is folded into an epoch line, never a line of its own")
        .noneMatch(l -> l.matches("^\\[jouletrace\\]\\s+forecast\\b.*"));
  }

  /**
   * A run that stopped early says nothing of how far off its forecast was or what stopping saves.
   */
  static void assertNoAdviceForEarlyStoppedRun(SoftAssertions softly, List<String> console) {
    softly
        .assertThat(console)
        .as("no forecast error for a run that stopped early")
        .noneMatch(l -> l.contains("first forecast"));
    softly
        .assertThat(console)
        .as("no early-stopping advice for a run that stopped early")
        .noneMatch(l -> l.contains("what early stopping would have saved"));
  }

  static long number(JsonNode run) {
    return run.path("number").asLong();
  }
}
