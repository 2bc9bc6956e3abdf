package dev.jouletrace.agent.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jouletrace.accounting.EnergyWindow;
import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorEnergy;
import dev.jouletrace.agent.internal.lifecycle.ClusterLink;
import dev.jouletrace.agent.internal.lifecycle.ClusterTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorInboxTest {
  private final List<String> incoming = new ArrayList<>();
  private final ExecutorInbox inbox = new ExecutorInbox();

  private final ClusterLink link =
      new ClusterLink() {
        @Override
        public void epochOpened(Object cluster, EpochIds ids) {}

        @Override
        public void epochClosed(Object cluster) {}

        @Override
        public ClusterTask taskOpened(Object worker) {
          return null;
        }

        @Override
        public void taskClosed(ClusterTask task, String figures) {}

        @Override
        public List<String> received() {
          List<String> all = List.copyOf(incoming);
          incoming.clear();
          return all;
        }

        @Override
        public String driverHost() {
          return "driver-host";
        }
      };

  private static EpochRecord epoch(String framework, int index) {
    return EpochRecord.builder()
        .run(1, framework)
        .index(index)
        .window(Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
        .batches(0)
        .energy(EnergyWindow.none())
        .build();
  }

  @Test
  void eachDistributedEpochTakesItsOwnExecutorsFiguresSummedPerExecutor() {
    inbox.connect(link, "dl4j-spark");
    incoming.add("v1|1|0|0|h0|1.5|estimated|5");
    incoming.add("v1|1|0|0|h0|2.5|estimated|5");
    incoming.add("v1|1|1|1|h1|4.0|measured|5"); // the next epoch's, arrived early
    incoming.add("not ours");

    EpochRecord first = inbox.attach(epoch("dl4j-spark", 0));
    assertThat(first.executors())
        .extracting(ExecutorEnergy::executorId, ExecutorEnergy::joules, ExecutorEnergy::tasks)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0", 4.0, 2L));
    assertThat(first.driverHost()).isEqualTo("driver-host");
    assertThat(first.energyJoules()).isEqualTo(4.0);
    assertThat(first.batches()).isEqualTo(10);

    EpochRecord second = inbox.attach(epoch("dl4j-spark", 1));
    assertThat(second.executors()).extracting(ExecutorEnergy::executorId).containsExactly("1");
  }

  @Test
  void epochsOfOtherFrameworksAndAnUnconnectedInboxAreLeftAlone() {
    EpochRecord before = epoch("dl4j-spark", 0);
    assertThat(inbox.attach(before)).isSameAs(before);
    inbox.connect(link, "dl4j-spark");
    EpochRecord local = epoch("dl4j", 0);
    assertThat(inbox.attach(local)).isSameAs(local);
  }
}
