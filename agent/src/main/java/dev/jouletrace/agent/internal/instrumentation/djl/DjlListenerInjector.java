package dev.jouletrace.agent.internal.instrumentation.djl;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ListenerInjector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.loading.MultipleParentClassLoader;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.StubMethod;

/**
 * Puts a probe {@code TrainingListener} first in a DJL trainer's listener list. The probe's class
 * is generated once per DJL class loader, in a loader that sees both DJL's interface and the
 * agent's callbacks, so the agent needs no DJL classes at build time; it only passes on {@code
 * onEpoch} and {@code onTrainingEnd}, and never re-runs a user listener. DJL calls every listener
 * on every batch ({@code onTrainingBatch}): there the probe's method is empty, with no reflection
 * and no allocation, which a {@code java.lang.reflect.Proxy} (an argument array per call) could not
 * give. It goes first because a listener that throws (DJL's early stop) hides {@code onEpoch} from
 * the ones after it ({@code docs/FRAMEWORKS.md §14}, {@code §15}).
 */
public final class DjlListenerInjector implements ListenerInjector {
  private static final String LISTENER = "ai.djl.training.listener.TrainingListener";
  private static final String NAME = "dev.jouletrace.agent.generated.DjlEpochProbe";

  /** The probe's constructor for each DJL listener interface (one per DJL class loader). */
  private final Map<Class<?>, Constructor<?>> probes = new WeakHashMap<>();

  @Override
  public Object inject(Object trainer, Object listeners, ProbeCallbacks callbacks) {
    if (!(listeners instanceof Collection)) {
      return listeners;
    }
    Object probe;
    try {
      Class<?> listenerType = Class.forName(LISTENER, false, trainer.getClass().getClassLoader());
      probe = probeConstructor(listenerType).newInstance(callbacks);
    } catch (ClassNotFoundException e) {
      return listeners;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      AgentLog.warn(
          "could not add the epoch probe to a DJL trainer ("
              + e
              + "); its epochs are cut at fit calls only. The training is unaffected.");
      return listeners;
    }
    List<Object> withProbe = new ArrayList<>(((Collection<?>) listeners).size() + 1);
    withProbe.add(probe);
    withProbe.addAll((Collection<?>) listeners);
    return withProbe;
  }

  private synchronized Constructor<?> probeConstructor(Class<?> listenerType)
      throws NoSuchMethodException {
    Constructor<?> c = probes.get(listenerType);
    if (c == null) {
      c = generate(listenerType).getConstructor(ProbeCallbacks.class);
      probes.put(listenerType, c);
    }
    return c;
  }

  /**
   * A class implementing DJL's listener: {@code onEpoch} and {@code onTrainingEnd} call the
   * callbacks in its one field, every other abstract method is empty.
   */
  static Class<?> generate(Class<?> listenerType) throws NoSuchMethodException {
    ClassLoader loader =
        new MultipleParentClassLoader.Builder().append(listenerType, ProbeCallbacks.class).build();
    return new ByteBuddy()
        .subclass(Object.class)
        .name(NAME)
        .implement(listenerType)
        .modifiers(Modifier.PUBLIC | Modifier.FINAL)
        .defineField("callbacks", ProbeCallbacks.class, Visibility.PRIVATE)
        .defineConstructor(Visibility.PUBLIC)
        .withParameters(ProbeCallbacks.class)
        .intercept(
            MethodCall.invoke(Object.class.getConstructor())
                .andThen(FieldAccessor.ofField("callbacks").setsArgumentAt(0)))
        .method(named("onEpoch"))
        .intercept(
            MethodCall.invoke(ProbeCallbacks.class.getMethod("onEpoch")).onField("callbacks"))
        .method(named("onTrainingEnd"))
        .intercept(
            MethodCall.invoke(ProbeCallbacks.class.getMethod("onTrainingEnd")).onField("callbacks"))
        .method(isAbstract().and(not(named("onEpoch").or(named("onTrainingEnd")))))
        .intercept(StubMethod.INSTANCE)
        .make()
        .load(loader, ClassLoadingStrategy.Default.WRAPPER)
        .getLoaded();
  }
}
