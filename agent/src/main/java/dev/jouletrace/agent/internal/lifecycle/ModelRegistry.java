package dev.jouletrace.agent.internal.lifecycle;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * State per model object, keyed by identity and held weakly: a model that is garbage collected
 * takes its state with it, and a model class overriding equals (DL4J networks do) cannot merge two
 * models. Lookups from the same thread for the same model hit a one-entry thread-local cache, so a
 * per-batch lookup allocates nothing.
 */
final class ModelRegistry<S> {
  private final Map<Key, S> states = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final ThreadLocal<Object[]> lastHit = ThreadLocal.withInitial(() -> new Object[2]);

  /** The state of {@code model}, created by {@code create} on first sight. */
  S get(Object model, Function<Object, S> create) {
    Object[] hit = lastHit.get();
    if (hit[0] instanceof WeakReference && ((WeakReference<?>) hit[0]).get() == model) {
      @SuppressWarnings("unchecked")
      S cached = (S) hit[1];
      if (cached != null) {
        return cached;
      }
    }
    expunge();
    Key key = new Key(model, collected);
    S state = states.computeIfAbsent(key, k -> create.apply(model));
    hit[0] = key;
    hit[1] = state;
    return state;
  }

  /** The state of {@code model}, or null if it was never seen. */
  S find(Object model) {
    return states.get(new Key(model, null));
  }

  /** Every state whose model is still alive. */
  List<S> all() {
    expunge();
    return new ArrayList<>(states.values());
  }

  private void expunge() {
    Object ref;
    while ((ref = collected.poll()) != null) {
      states.remove(ref);
    }
  }

  /** Identity of a weakly held object; equal only to a key for the same live object. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key)) {
        return false;
      }
      Object mine = get();
      return mine != null && mine == ((Key) o).get();
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
