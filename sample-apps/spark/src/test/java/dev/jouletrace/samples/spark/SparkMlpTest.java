package dev.jouletrace.samples.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SparkMlpTest {

  @BeforeEach
  void sparkStartsOnThisJava() {
    SparkOnThisJava.assumeSupported();
  }

  @Test
  void localModeListensOnLoopbackWithoutUiOrEventLog() {
    SparkConf conf = SparkMlp.sparkConf("local[2]");

    assertThat(conf.get("spark.master")).isEqualTo("local[2]");
    assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.eventLog.enabled")).isEqualTo("false");
    assertThat(conf.contains("spark.executor.extraClassPath")).isFalse();
  }

  @Test
  void refusesAMasterBeyondThisMachine() {
    assertThatThrownBy(() -> SparkMlp.sparkConf("spark://10.0.0.5:7077"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127.0.0.1 only")
        .hasMessageContaining("spark://10.0.0.5:7077");
  }
}
