package dev.jouletrace.agent.internal.instrumentation.spark;

import dev.jouletrace.accounting.ExecutorTask;
import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ClusterLink;
import dev.jouletrace.agent.internal.lifecycle.ClusterTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Spark's own channels between a driver and its executors, reached by reflection through the
 * members {@link SparkInstrumentation} declares ({@code docs/FRAMEWORKS.md §18}); the agent opens
 * no connection of its own.
 *
 * <ul>
 *   <li>Down: while a driver epoch is open, its trace id, span id, run and epoch are local
 *       properties of the thread that calls {@code fit} ({@code
 *       JavaSparkContext.setLocalProperty}); Spark hands them to every task of the jobs that thread
 *       starts ({@code TaskContext.getLocalProperty}).
 *   <li>Up: the driver registers one {@code CollectionAccumulator} of strings per {@code
 *       SparkContext} and publishes it, Java-serialised, as a further local property. A task
 *       deserialises it as Spark deserialises a closure's accumulator, which registers the copy
 *       with the task; the task adds its figures before it ends, and Spark merges them into the
 *       driver's accumulator with the task's result, before the job (and so the epoch) ends.
 * </ul>
 *
 * Every call is guarded: a Spark that behaves otherwise costs the figures, never the training.
 */
public final class SparkLink implements ClusterLink {
  static final String TRACE_ID = "jouletrace.trace_id";
  static final String SPAN_ID = "jouletrace.parent_span_id";
  static final String RUN = "jouletrace.run";
  static final String EPOCH = "jouletrace.epoch";
  static final String CHANNEL = "jouletrace.figures_accumulator";
  private static final String[] KEYS = {TRACE_ID, SPAN_ID, RUN, EPOCH, CHANNEL};
  private static final String ACCUMULATOR_NAME = "jouletrace.executor_figures";

  /** Driver: one accumulator per SparkContext, weakly keyed. */
  private final Map<Object, Channel> channels = new WeakHashMap<>();

  /** Driver: every accumulator registered, for the export thread to read. */
  private final List<Channel> registered = new CopyOnWriteArrayList<>();

  private volatile String driverHost;

  /** Executor: the reflective handles, for the class loader they were found in. */
  private volatile ExecutorSide executorSide;

  private volatile boolean warned;

  /** A driver's accumulator and its serialised form, and how much of it was read. */
  private static final class Channel {
    final Object accumulator;
    final Method value;
    final String published;
    int consumed;

    Channel(Object accumulator, Method value, String published) {
      this.accumulator = accumulator;
      this.value = value;
      this.published = published;
    }
  }

  // ---- driver

  @Override
  public void epochOpened(Object javaSparkContext, EpochIds ids) {
    try {
      Channel channel = channel(javaSparkContext);
      Method set = setLocalProperty(javaSparkContext);
      set.invoke(javaSparkContext, TRACE_ID, ids.traceId);
      set.invoke(javaSparkContext, SPAN_ID, ids.spanId);
      set.invoke(javaSparkContext, RUN, Integer.toString(ids.run));
      set.invoke(javaSparkContext, EPOCH, Integer.toString(ids.epoch));
      set.invoke(javaSparkContext, CHANNEL, channel == null ? null : channel.published);
    } catch (Throwable t) {
      warnOnce("cannot publish the epoch to Spark's tasks", t);
    }
  }

  @Override
  public void epochClosed(Object javaSparkContext) {
    try {
      Method set = setLocalProperty(javaSparkContext);
      for (String key : KEYS) {
        set.invoke(javaSparkContext, key, null);
      }
    } catch (Throwable t) {
      warnOnce("cannot withdraw the epoch from Spark's local properties", t);
    }
  }

  private static Method setLocalProperty(Object javaSparkContext) throws NoSuchMethodException {
    return javaSparkContext.getClass().getMethod("setLocalProperty", String.class, String.class);
  }

  /** The SparkContext's accumulator for executor figures, registered the first time. */
  private Channel channel(Object javaSparkContext) throws Exception {
    Object sparkContext = javaSparkContext.getClass().getMethod("sc").invoke(javaSparkContext);
    synchronized (channels) {
      Channel known = channels.get(sparkContext);
      if (known != null) {
        return known;
      }
      ClassLoader loader = sparkContext.getClass().getClassLoader();
      Class<?> accumulatorType =
          Class.forName(SparkInstrumentation.COLLECTION_ACCUMULATOR, true, loader);
      Class<?> base = Class.forName(SparkInstrumentation.ACCUMULATOR, false, loader);
      Object accumulator = accumulatorType.getConstructor().newInstance();
      sparkContext
          .getClass()
          .getMethod("register", base, String.class)
          .invoke(sparkContext, accumulator, ACCUMULATOR_NAME);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(accumulator); // Spark writes a zero copy bound to the registered one
      }
      Channel channel =
          new Channel(
              accumulator,
              accumulatorType.getMethod("value"),
              Base64.getEncoder().encodeToString(bytes.toByteArray()));
      channels.put(sparkContext, channel);
      registered.add(channel);
      driverHost = driverHostOf(sparkContext);
      return channel;
    }
  }

  private static String driverHostOf(Object sparkContext) {
    try {
      Object conf = sparkContext.getClass().getMethod("getConf").invoke(sparkContext);
      Object host =
          conf.getClass()
              .getMethod("get", String.class, String.class)
              .invoke(conf, "spark.driver.host", null);
      return host == null ? null : host.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public List<String> received() {
    if (registered.isEmpty()) {
      return List.of();
    }
    List<String> figures = new ArrayList<>();
    for (Channel c : registered) {
      try {
        List<?> all = (List<?>) c.value.invoke(c.accumulator);
        for (int i = c.consumed; i < all.size(); i++) {
          figures.add(String.valueOf(all.get(i)));
        }
        c.consumed = all.size();
      } catch (Throwable t) {
        warnOnce("cannot read the executors' figures from Spark", t);
      }
    }
    return figures;
  }

  @Override
  public String driverHost() {
    return driverHost;
  }

  // ---- executor

  /** What an executor reads of Spark, resolved once in the loader of DL4J's worker classes. */
  private static final class ExecutorSide {
    final ClassLoader loader;
    final Method taskContext;
    final Method localProperty;
    final Method stageId;
    final Method partitionId;
    final Method attemptNumber;
    final Method taskAttemptId;
    final Method sparkEnv;
    final Method executorId;
    final Method blockManager;
    final Method blockManagerId;
    final Method host;
    final Method add;

    ExecutorSide(ClassLoader loader) throws ReflectiveOperationException {
      this.loader = loader;
      Class<?> tc = Class.forName(SparkInstrumentation.TASK_CONTEXT, false, loader);
      taskContext = tc.getMethod("get");
      localProperty = tc.getMethod("getLocalProperty", String.class);
      stageId = tc.getMethod("stageId");
      partitionId = tc.getMethod("partitionId");
      attemptNumber = tc.getMethod("attemptNumber");
      taskAttemptId = tc.getMethod("taskAttemptId");
      Class<?> env = Class.forName(SparkInstrumentation.SPARK_ENV, false, loader);
      sparkEnv = env.getMethod("get");
      executorId = env.getMethod("executorId");
      blockManager = env.getMethod("blockManager");
      blockManagerId =
          Class.forName(SparkInstrumentation.BLOCK_MANAGER, false, loader)
              .getMethod("blockManagerId");
      host = Class.forName(SparkInstrumentation.BLOCK_MANAGER_ID, false, loader).getMethod("host");
      add =
          Class.forName(SparkInstrumentation.COLLECTION_ACCUMULATOR, false, loader)
              .getMethod("add", Object.class);
    }
  }

  private ExecutorSide executorSide(ClassLoader loader) throws ReflectiveOperationException {
    ExecutorSide side = executorSide;
    if (side == null || side.loader != loader) {
      side = new ExecutorSide(loader);
      executorSide = side;
    }
    return side;
  }

  @Override
  public ClusterTask taskOpened(Object worker) {
    try {
      ExecutorSide s = executorSide(worker.getClass().getClassLoader());
      Object tc = s.taskContext.invoke(null);
      if (tc == null) {
        return null; // not on a task's thread
      }
      Object env = s.sparkEnv.invoke(null);
      String executorId = env == null ? "unknown" : String.valueOf(s.executorId.invoke(env));
      String host =
          env == null
              ? null
              : String.valueOf(s.host.invoke(s.blockManagerId.invoke(s.blockManager.invoke(env))));
      ExecutorTask.TaskIdentity identity =
          new ExecutorTask.TaskIdentity(
              (Integer) s.stageId.invoke(tc),
              (Integer) s.partitionId.invoke(tc),
              (Integer) s.attemptNumber.invoke(tc),
              (Long) s.taskAttemptId.invoke(tc));
      String traceId = (String) s.localProperty.invoke(tc, TRACE_ID);
      String spanId = (String) s.localProperty.invoke(tc, SPAN_ID);
      ExecutorTask.DriverEpoch driver =
          traceId == null
              ? ExecutorTask.DriverEpoch.UNKNOWN
              : new ExecutorTask.DriverEpoch(
                  traceId,
                  spanId,
                  number((String) s.localProperty.invoke(tc, RUN)),
                  number((String) s.localProperty.invoke(tc, EPOCH)));
      String published = (String) s.localProperty.invoke(tc, CHANNEL);
      Object channel = published == null ? null : taskCopy(published, s.loader);
      return new ClusterTask(executorId, host, identity, driver, channel);
    } catch (Throwable t) {
      warnOnce("cannot read the task's context from Spark", t);
      return null;
    }
  }

  @Override
  public void taskClosed(ClusterTask task, String figures) {
    Object channel = task.channel();
    if (channel == null) {
      return;
    }
    try {
      executorSide(channel.getClass().getClassLoader()).add.invoke(channel, figures);
    } catch (Throwable t) {
      warnOnce("cannot send the task's figures to the driver", t);
    }
  }

  /**
   * The driver's accumulator as this task's copy: deserialised on the task's thread, Spark
   * registers it with the task, so its value travels back with the task's result.
   */
  private static Object taskCopy(String published, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    byte[] bytes = Base64.getDecoder().decode(published);
    try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    }
  }

  /** Resolves classes in Spark's loader: the agent's own loader cannot see Spark. */
  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }

  private static int number(String s) {
    try {
      return s == null ? -1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void warnOnce(String what, Throwable t) {
    if (!warned) {
      warned = true;
      AgentLog.warn(
          what
              + " ("
              + t
              + "); the Spark training goes on, its executors' energy is not in this report");
    }
  }
}
