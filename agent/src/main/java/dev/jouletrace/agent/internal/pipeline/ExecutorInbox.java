package dev.jouletrace.agent.internal.pipeline;

import dev.jouletrace.accounting.EpochRecord;
import dev.jouletrace.accounting.ExecutorEnergy;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ClusterLink;
import dev.jouletrace.agent.internal.lifecycle.ExecutorFigures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark driver's side of the executors' figures, on the export thread: what the executors sent
 * back through the cluster is filed by the driver's run and epoch, and each distributed epoch takes
 * its executors' figures before it is accounted ({@code docs/FRAMEWORKS.md §18}). Spark merges a
 * task's figures before the job that ran it ends, so an epoch's are all in by the time its {@code
 * fit} returns and its record reaches this thread.
 */
final class ExecutorInbox {
  private volatile String clusterFramework;
  private volatile ClusterLink link = ClusterLink.NONE;

  /** (run, epoch) → executor id → its tasks' figures; export thread only. */
  private final Map<Long, Map<String, ExecutorEnergy>> waiting = new HashMap<>();

  private long strays;

  /**
   * @param framework the framework name of a cluster driver's epochs ({@code dl4j-spark})
   */
  void connect(ClusterLink l, String framework) {
    clusterFramework = framework;
    link = l;
  }

  /** {@code epoch} with its executors' figures when it is a cluster driver's epoch. */
  EpochRecord attach(EpochRecord epoch) {
    if (!epoch.framework().equals(clusterFramework)) { // null until connected
      return epoch;
    }
    ClusterLink l = link;
    for (String text : l.received()) {
      ExecutorFigures.Received r = ExecutorFigures.decode(text);
      if (r == null || r.run < 0) {
        strays++;
        continue;
      }
      waiting
          .computeIfAbsent(key(r.run, r.epoch), k -> new LinkedHashMap<>())
          .merge(r.energy.executorId(), r.energy, ExecutorEnergy::plus);
    }
    Map<String, ExecutorEnergy> mine = waiting.remove(key(epoch.runNumber(), epoch.index()));
    if (strays > 0) {
      AgentLog.debug(strays + " executor figures named no driver epoch");
      strays = 0;
    }
    List<ExecutorEnergy> executors = mine == null ? List.of() : new ArrayList<>(mine.values());
    if (executors.size() > 1) {
      executors.sort(ExecutorEnergy.ORDER);
    }
    return epoch.withExecutors(l.driverHost(), executors);
  }

  private static long key(int run, int epoch) {
    return ((long) run << 32) | (epoch & 0xffffffffL);
  }
}
