package dev.jouletrace.agent.internal.lifecycle;

import dev.jouletrace.agent.internal.meter.EnergyMeter;
import dev.jouletrace.agent.internal.meter.HourMarks;
import java.util.concurrent.atomic.AtomicInteger;

/** What every model's training shares: the meter, the energy split, the hand-off, the settings. */
final class LifecycleContext {
  final EnergyMeter meter;
  final SharedEnergy sharedEnergy;
  final RunSink sink;
  final ListenerInjector listenerInjector;
  final boolean attachedLate;
  final long idleTimeoutNanos;

  /** How long a window of minibatch fits may last without a pass over the same data; 0: ever. */
  volatile long windowNanos;

  private final AtomicInteger runs = new AtomicInteger();
  volatile BatchSpans batchSpans = BatchSpans.OFF;
  volatile HourMarks hourMarks;

  LifecycleContext(
      EnergyMeter meter,
      SharedEnergy sharedEnergy,
      RunSink sink,
      ListenerInjector listenerInjector,
      boolean attachedLate,
      long idleTimeoutNanos) {
    this.meter = meter;
    this.sharedEnergy = sharedEnergy;
    this.sink = sink;
    this.listenerInjector = listenerInjector;
    this.attachedLate = attachedLate;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** The next run's number: runs of this JVM, from 1. */
  int nextRunNumber() {
    return runs.incrementAndGet();
  }
}
