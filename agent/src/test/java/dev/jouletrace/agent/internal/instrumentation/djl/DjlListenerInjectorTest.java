package dev.jouletrace.agent.internal.instrumentation.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import dev.jouletrace.agent.internal.lifecycle.ListenerInjector.ProbeCallbacks;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlListenerInjectorTest {
  private final List<String> calls = new ArrayList<>();
  private final ProbeCallbacks callbacks =
      new ProbeCallbacks() {
        @Override
        public void onEpoch() {
          calls.add("epoch");
        }

        @Override
        public void onTrainingEnd() {
          calls.add("end");
        }
      };
  private final Trainer trainer = new Trainer(new Model() {}, List::of);
  private final TrainingListener user =
      new TrainingListener() {
        @Override
        public void onEpoch(Trainer t) {
          calls.add("user epoch");
        }

        @Override
        public void onTrainingBatch(Trainer t, Object batchData) {
          calls.add("user batch");
        }

        @Override
        public void onTrainingEnd(Trainer t) {
          calls.add("user end");
        }
      };

  private TrainingListener injectedProbe(DjlListenerInjector injector) {
    Object list = injector.inject(trainer, List.of(user), callbacks);
    assertThat(list).asList().hasSize(2).element(1).isSameAs(user);
    return (TrainingListener) ((List<?>) list).get(0);
  }

  @Test
  void theProbeGoesFirstAndPassesOnOnlyEpochAndTrainingEnd() {
    TrainingListener probe = injectedProbe(new DjlListenerInjector());
    probe.onTrainingBatch(trainer, "batch");
    probe.onEpoch(trainer);
    probe.onTrainingBatch(trainer, "batch");
    probe.onTrainingEnd(trainer);
    assertThat(calls).containsExactly("epoch", "end");
    assertThat(Proxy.isProxyClass(probe.getClass())).isFalse();
  }

  @Test
  void oneGeneratedClassServesEveryTrainerOfTheSameDjl() {
    DjlListenerInjector injector = new DjlListenerInjector();
    assertThat(injectedProbe(injector).getClass()).isSameAs(injectedProbe(injector).getClass());
  }

  @Test
  void aBatchCallbackAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    TrainingListener probe = injectedProbe(new DjlListenerInjector());
    Object batch = new Object();
    for (int i = 0; i < 10_000; i++) {
      probe.onTrainingBatch(trainer, batch);
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1_000_000; i++) {
      probe.onTrainingBatch(trainer, batch);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    // a java.lang.reflect.Proxy allocates an argument array per call: 24 MB for a million calls
    assertThat(allocated).as("bytes allocated by a million batch callbacks").isLessThan(64 * 1024);
  }

  /** A listener interface with more than DJL's: results of every kind, and a default method. */
  public interface RichListener {
    void onEpoch(Object trainer);

    void onTrainingEnd(Object trainer);

    int count(String what);

    long total();

    double mean();

    float share();

    boolean done();

    String name();

    default String kept() {
      return "its own";
    }
  }

  @Test
  void everyOtherAbstractMethodReturnsNothingZeroOrNullAndDefaultsStay() throws Exception {
    RichListener probe =
        (RichListener)
            DjlListenerInjector.generate(RichListener.class)
                .getConstructor(ProbeCallbacks.class)
                .newInstance(callbacks);
    assertThat(probe.count("x")).isZero();
    assertThat(probe.total()).isZero();
    assertThat(probe.mean()).isZero();
    assertThat(probe.share()).isZero();
    assertThat(probe.done()).isFalse();
    assertThat(probe.name()).isNull();
    assertThat(probe.kept()).isEqualTo("its own");
    probe.onEpoch(null);
    probe.onTrainingEnd(null);
    assertThat(calls).containsExactly("epoch", "end");
  }

  @Test
  void listsThatAreNoCollectionAreLeftAlone() {
    Object notAList = new Object();
    assertThat(new DjlListenerInjector().inject(trainer, notAList, callbacks)).isSameAs(notAList);
  }
}
