package dev.jouletrace.agent.internal.instrumentation.djl;

import dev.jouletrace.agent.internal.lifecycle.ListenerInjector;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Puts a probe {@code TrainingListener} first in a DJL trainer's listener list. The probe is a
 * {@link Proxy} defined in the trainer's own class loader, so the agent needs no DJL classes; it
 * only notes {@code onEpoch} and {@code onTrainingEnd}, and never re-runs a user listener. It goes
 * first because a listener that throws (DJL's early stop) hides {@code onEpoch} from the ones after
 * it ({@code docs/FRAMEWORKS.md §14}, {@code §15}).
 */
public final class DjlListenerInjector implements ListenerInjector {
  private static final String LISTENER = "ai.djl.training.listener.TrainingListener";

  @Override
  public Object inject(Object trainer, Object listeners, ProbeCallbacks callbacks) {
    if (!(listeners instanceof Collection)) {
      return listeners;
    }
    Class<?> listenerType;
    try {
      listenerType = Class.forName(LISTENER, false, trainer.getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      return listeners;
    }
    Object probe =
        Proxy.newProxyInstance(
            listenerType.getClassLoader(), new Class<?>[] {listenerType}, probe(callbacks));
    List<Object> withProbe = new ArrayList<>(((Collection<?>) listeners).size() + 1);
    withProbe.add(probe);
    withProbe.addAll((Collection<?>) listeners);
    return withProbe;
  }

  private static InvocationHandler probe(ProbeCallbacks callbacks) {
    return (proxy, method, args) -> {
      switch (method.getName()) {
        case "onEpoch":
          callbacks.onEpoch();
          return null;
        case "onTrainingEnd":
          callbacks.onTrainingEnd();
          return null;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "JouletraceEpochProbe";
        default:
          return null;
      }
    };
  }
}
