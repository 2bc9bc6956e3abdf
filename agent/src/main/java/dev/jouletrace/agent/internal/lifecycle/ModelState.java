package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.MeterReading;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training state of one model (a DL4J network, a DJL trainer): its open run and epoch. Guarded by
 * its own monitor; batches are counted lock-free because they may come from worker threads.
 */
final class ModelState {
  final String framework;

  /** Weak, so that the state never keeps the model alive. */
  final WeakReference<Object> model;

  final AtomicLong batches = new AtomicLong();

  // the open run, if any
  int runNumber;
  boolean runOpen;
  boolean runImplicit;
  int nextEpochIndex;

  // the open epoch, if any
  boolean epochOpen;
  int epochIndex;
  MeterReading epochStart;
  long countedBatchesAtStart;
  long frameworkBatchesAtStart;

  /** DJL: onEpoch was dispatched; the epoch ends when the dispatch returns. */
  boolean epochEndPending;

  ModelState(String framework, Object model) {
    this.framework = framework;
    this.model = new WeakReference<>(model);
  }

  Instant epochStartTime() {
    return epochStart.time();
  }
}
