package com.acme.loop;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A framework-free training loop of many short epochs, for measuring the agent through {@code
 * jouletrace.targets} (benchmarks/many-epochs.sh, ManyEpochsIT):
 *
 * <pre>
 * -javaagent:jouletrace-agent.jar=targets=com.acme.loop.ShortEpochs#run:run,\
 * com.acme.loop.ShortEpochs#epoch:epoch,com.acme.loop.ShortEpochs#step:step
 * </pre>
 *
 * <p>It lives outside {@code dev.jouletrace}, as a user's program does: the agent never instruments
 * classes in its own namespace, so the benchmark classes there cannot be targets.
 *
 * <p>With {@code --exit-at-epoch N}, epoch N calls {@code System.exit(3)} halfway through its steps
 * (a training that ends the JVM mid-epoch).
 *
 * <p>{@link #run} calls {@link #epoch} {@code --epochs} times (10 000 by default); each epoch makes
 * {@code --steps} calls of {@link #step} (4), which keep the CPU busy until the step's share of
 * {@code --epoch-micros} (500) has passed: the training takes at least epochs × epoch-micros
 * however fast the machine is, and what the agent adds comes on top.
 *
 * <p>Standard output, in this order, for the benchmark scripts:
 *
 * <ol>
 *   <li>{@code training <milliseconds> ms epochs=<n>}: the wall time of {@link #run};
 *   <li>{@code heap-used <bytes> bytes}: the used heap after {@code System.gc()} twice, once
 *       training is over (what the agent still holds, compared with a run without it);
 *   <li>{@code main-end <epoch milliseconds>}: the wall clock as the very last thing {@code main}
 *       does, so that a script can tell how long the JVM took to exit after it.
 * </ol>
 */
public final class ShortEpochs {
  private final int stepsPerEpoch;
  private int exitAtEpoch = -1;
  private final long stepNanos;
  private long work;

  public ShortEpochs(int stepsPerEpoch, long epochNanos) {
    this.stepsPerEpoch = stepsPerEpoch;
    this.stepNanos = epochNanos / stepsPerEpoch;
  }

  public static void main(String[] argv) {
    int epochs = 10_000;
    long epochMicros = 500;
    int steps = 4;
    int exitAt = -1;
    for (int i = 0; i < argv.length; i += 2) {
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException("missing value after " + argv[i]);
      }
      String value = argv[i + 1];
      switch (argv[i]) {
        case "--epochs" -> epochs = Integer.parseInt(value);
        case "--epoch-micros" -> epochMicros = Long.parseLong(value);
        case "--steps" -> steps = Integer.parseInt(value);
        case "--exit-at-epoch" -> exitAt = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (epochs < 1 || epochMicros < 0 || steps < 1) {
      throw new IllegalArgumentException("--epochs and --steps must be positive");
    }
    ShortEpochs trainer = new ShortEpochs(steps, epochMicros * 1000);
    trainer.exitAtEpoch = exitAt;
    long start = System.nanoTime();
    trainer.run(epochs);
    long trainingNanos = System.nanoTime() - start;
    System.out.printf(
        Locale.ROOT,
        "training %.3f ms epochs=%d work=%d%n",
        trainingNanos / 1e6,
        epochs,
        trainer.work & 0xff);
    System.gc();
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println("heap-used " + used + " bytes");
    System.out.println("main-end " + System.currentTimeMillis());
  }

  /** The whole training: the {@code run} target. */
  public void run(int epochs) {
    for (int e = 0; e < epochs; e++) {
      epoch(e);
    }
  }

  /** One epoch: the {@code epoch} target. */
  public void epoch(int index) {
    for (int s = 0; s < stepsPerEpoch; s++) {
      step();
      if (index == exitAtEpoch && s == stepsPerEpoch / 2) {
        System.out.println("exiting in epoch " + index);
        System.exit(3);
      }
    }
  }

  /** One training step, busy until its time is up: the {@code step} target. */
  public void step() {
    long deadline = System.nanoTime() + stepNanos;
    long x = work;
    do {
      // a 64-bit linear congruential step: cheap work the JIT cannot remove, as x is kept
      x = x * 6364136223846793005L + 1442695040888963407L;
    } while (System.nanoTime() < deadline);
    work = x;
  }
}
