package dev.jouletrace.export;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span contract: span names and attribute keys. Later versions add keys, never rename them.
 * Energy is in joules, CO2 in grams of CO2e, intensity in gCO2e/kWh.
 */
public final class TraceAttributes {
  public static final String RUN_SPAN = "training.run";
  public static final String EPOCH_SPAN = "training.epoch";
  public static final String VALIDATION_SPAN = "training.validation";
  public static final String BATCH_SPAN = "training.batch";

  /** {@code jouletrace.framework} of a Spark task window and of a Spark driver's runs. */
  public static final String SPARK_FRAMEWORK = "dl4j-spark";

  /** A Spark task's training window in an executor JVM, a child of the driver's epoch span. */
  public static final String EXECUTOR_TASK_SPAN = "training.executor_task";

  /** Run, epoch: the part of the energy that Spark executors' task windows took. */
  public static final AttributeKey<Double> ENERGY_EXECUTORS_JOULES =
      AttributeKey.doubleKey("jouletrace.energy.executors_joules");

  public static final AttributeKey<String> SPARK_EXECUTOR_ID =
      AttributeKey.stringKey("jouletrace.spark.executor.id");
  public static final AttributeKey<String> SPARK_EXECUTOR_HOST =
      AttributeKey.stringKey("jouletrace.spark.executor.host");
  public static final AttributeKey<Long> SPARK_STAGE_ID =
      AttributeKey.longKey("jouletrace.spark.stage_id");
  public static final AttributeKey<Long> SPARK_PARTITION_ID =
      AttributeKey.longKey("jouletrace.spark.partition_id");
  public static final AttributeKey<Long> SPARK_TASK_ATTEMPT_ID =
      AttributeKey.longKey("jouletrace.spark.task_attempt_id");
  public static final AttributeKey<Long> TASK_BATCHES =
      AttributeKey.longKey("jouletrace.task.batches");
  public static final AttributeKey<Long> TASK_SAMPLES =
      AttributeKey.longKey("jouletrace.task.samples");
  public static final AttributeKey<Double> TASK_DURATION_S =
      AttributeKey.doubleKey("jouletrace.task.duration_s");

  public static final AttributeKey<Boolean> ENERGY_SHARED =
      AttributeKey.booleanKey("jouletrace.energy.shared");
  public static final AttributeKey<String> ENERGY_SHARE_RULE =
      AttributeKey.stringKey("jouletrace.energy.share_rule");
  public static final AttributeKey<Double> TRAIN_LAST_BATCH_LOSS =
      AttributeKey.doubleKey("jouletrace.train.last_batch_loss");
  public static final AttributeKey<Long> BATCH_INDEX =
      AttributeKey.longKey("jouletrace.batch.index");
  public static final AttributeKey<Double> BATCH_LOSS =
      AttributeKey.doubleKey("jouletrace.batch.loss");
  public static final AttributeKey<Long> VALIDATION_BATCHES =
      AttributeKey.longKey("jouletrace.validation.batches");
  public static final AttributeKey<Long> FRAMEWORK_BEST_EPOCH =
      AttributeKey.longKey("jouletrace.run.framework_best_epoch");
  public static final AttributeKey<Double> BEST_VALIDATION_SCORE =
      AttributeKey.doubleKey("jouletrace.run.best_validation_score");
  public static final AttributeKey<String> STOP_REASON =
      AttributeKey.stringKey("jouletrace.run.stop_reason");

  public static final AttributeKey<String> FRAMEWORK =
      AttributeKey.stringKey("jouletrace.framework");
  public static final AttributeKey<Long> RUN_NUMBER = AttributeKey.longKey("jouletrace.run.number");
  public static final AttributeKey<String> RUN_STATUS =
      AttributeKey.stringKey("jouletrace.run.status");
  public static final AttributeKey<Long> RUN_EPOCHS = AttributeKey.longKey("jouletrace.run.epochs");
  public static final AttributeKey<Long> RUN_PLANNED_EPOCHS =
      AttributeKey.longKey("jouletrace.run.planned_epochs");
  public static final AttributeKey<Boolean> RUN_IMPLICIT =
      AttributeKey.booleanKey("jouletrace.run.implicit");
  public static final AttributeKey<Boolean> RUN_ATTACHED_LATE =
      AttributeKey.booleanKey("jouletrace.run.attached_late");

  public static final AttributeKey<Long> EPOCH_INDEX =
      AttributeKey.longKey("jouletrace.epoch.index");
  public static final AttributeKey<Long> EPOCH_BATCHES =
      AttributeKey.longKey("jouletrace.epoch.batches");
  public static final AttributeKey<String> EPOCH_STATUS =
      AttributeKey.stringKey("jouletrace.epoch.status");
  public static final AttributeKey<Double> EPOCH_DURATION_S =
      AttributeKey.doubleKey("jouletrace.epoch.duration_s");
  public static final AttributeKey<Double> TRAIN_LOSS =
      AttributeKey.doubleKey("jouletrace.train.loss");
  public static final AttributeKey<Double> TRAIN_ACCURACY =
      AttributeKey.doubleKey("jouletrace.train.accuracy");
  public static final AttributeKey<Double> VALIDATION_LOSS =
      AttributeKey.doubleKey("jouletrace.validation.loss");
  public static final AttributeKey<Double> VALIDATION_ACCURACY =
      AttributeKey.doubleKey("jouletrace.validation.accuracy");

  public static final AttributeKey<Double> ENERGY_JOULES =
      AttributeKey.doubleKey("jouletrace.energy.joules");

  /** On the run span: energy charged to the run while none of its epochs was open. */
  public static final AttributeKey<Double> ENERGY_BETWEEN_EPOCHS_JOULES =
      AttributeKey.doubleKey("jouletrace.energy.between_epochs_joules");

  public static final AttributeKey<Double> ENERGY_DEVICE_JOULES =
      AttributeKey.doubleKey("jouletrace.energy.device_joules");
  public static final AttributeKey<String> ENERGY_METHOD =
      AttributeKey.stringKey("jouletrace.energy.method");

  /** Set when a probe's fault made the figures estimated (docs/PROBES.md §6). */
  public static final AttributeKey<String> ENERGY_METHOD_REASON =
      AttributeKey.stringKey("jouletrace.energy.method_reason");

  public static final AttributeKey<Double> POWER_WATTS =
      AttributeKey.doubleKey("jouletrace.power.mean_watts");

  public static final AttributeKey<Double> CO2_GRAMS =
      AttributeKey.doubleKey("jouletrace.co2.grams");
  public static final AttributeKey<Double> CO2_EMBODIED_GRAMS =
      AttributeKey.doubleKey("jouletrace.co2.embodied_grams");
  public static final AttributeKey<Double> CO2_TOTAL_GRAMS =
      AttributeKey.doubleKey("jouletrace.co2.total_grams");
  public static final AttributeKey<Double> CARBON_INTENSITY =
      AttributeKey.doubleKey("jouletrace.carbon.intensity_g_per_kwh");
  public static final AttributeKey<String> CARBON_INTENSITY_SOURCE =
      AttributeKey.stringKey("jouletrace.carbon.intensity_source");
  public static final AttributeKey<Long> CARBON_INTENSITY_YEAR =
      AttributeKey.longKey("jouletrace.carbon.intensity_year");
  public static final AttributeKey<String> CARBON_INTENSITY_LEVEL =
      AttributeKey.stringKey("jouletrace.carbon.intensity_level");
  public static final AttributeKey<String> CARBON_ZONE =
      AttributeKey.stringKey("jouletrace.carbon.zone");
  public static final AttributeKey<Double> PUE = AttributeKey.doubleKey("jouletrace.pue");
  public static final AttributeKey<String> PUE_SOURCE =
      AttributeKey.stringKey("jouletrace.pue_source");

  public static final AttributeKey<Long> EPOCH_SAMPLES =
      AttributeKey.longKey("jouletrace.epoch.samples");
  public static final AttributeKey<Double> SAMPLES_PER_JOULE =
      AttributeKey.doubleKey("jouletrace.samples_per_joule");
  public static final AttributeKey<Double> JOULES_PER_SAMPLE =
      AttributeKey.doubleKey("jouletrace.joules_per_sample");
  public static final AttributeKey<Double> LOSS_IMPROVEMENT_PER_KJ =
      AttributeKey.doubleKey("jouletrace.efficiency.loss_improvement_per_kj");
  public static final AttributeKey<Double> ACCURACY_GAIN_PER_KJ =
      AttributeKey.doubleKey("jouletrace.efficiency.accuracy_gain_per_kj");

  public static final AttributeKey<Long> BEST_EPOCH =
      AttributeKey.longKey("jouletrace.run.best_epoch");
  public static final AttributeKey<String> BEST_EPOCH_CRITERION =
      AttributeKey.stringKey("jouletrace.run.best_epoch_criterion");
  public static final AttributeKey<Double> ENERGY_AFTER_BEST_JOULES =
      AttributeKey.doubleKey("jouletrace.energy.after_best_joules");
  public static final AttributeKey<Double> ENERGY_AFTER_BEST_SHARE =
      AttributeKey.doubleKey("jouletrace.energy.after_best_share");
  public static final AttributeKey<Double> EQUIVALENT_CAR_KM =
      AttributeKey.doubleKey("jouletrace.co2.equivalent_car_km");
  public static final AttributeKey<Double> EQUIVALENT_SMARTPHONE_CHARGES =
      AttributeKey.doubleKey("jouletrace.co2.equivalent_smartphone_charges");

  public static final AttributeKey<Long> FORECAST_AFTER_EPOCHS =
      AttributeKey.longKey("jouletrace.forecast.after_epochs");
  public static final AttributeKey<String> FORECAST_METHOD =
      AttributeKey.stringKey("jouletrace.forecast.method");

  /** {@code jouletrace.forecast.<quantity>.<low|point|high>}, quantity energy_joules etc. */
  public static AttributeKey<Double> forecast(String quantity, String bound) {
    return AttributeKey.doubleKey("jouletrace.forecast." + quantity + "." + bound);
  }

  /** Relative error of the first forecast against the run's actual total, set at run end. */
  public static AttributeKey<Double> forecastError(String quantity) {
    return AttributeKey.doubleKey("jouletrace.forecast." + quantity + ".first_relative_error");
  }

  /** Per-domain energy: {@code jouletrace.energy.<domain id>.joules}, e.g. ...cpu:package-0... */
  public static AttributeKey<Double> domainJoules(String domainId) {
    return AttributeKey.doubleKey("jouletrace.energy." + domainId + ".joules");
  }

  public static AttributeKey<String> domainMethod(String domainId) {
    return AttributeKey.stringKey("jouletrace.energy." + domainId + ".method");
  }

  private TraceAttributes() {}
}
