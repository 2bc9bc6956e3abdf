package dev.jouletrace.agent.internal.lifecycle;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * State per model object, keyed by identity and held weakly: a model that is garbage collected
 * takes its state with it (the state is handed to {@code onCollected} first, so that an open run
 * can be ended), and a model class overriding equals (DL4J networks do) cannot merge two models.
 * Lookups from the same thread for the same model hit a one-entry thread-local cache, so a
 * per-batch lookup allocates nothing.
 */
final class ModelRegistry<S> {
  private final Map<Key, S> states = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final ThreadLocal<Object[]> lastHit = ThreadLocal.withInitial(() -> new Object[2]);
  private final BiFunction<String, Object, S> create;
  private final Consumer<S> onCollected;

  /**
   * @param create makes the state of a model first seen, from its framework name and the model
   * @param onCollected called with the state of a model that was garbage collected
   */
  ModelRegistry(BiFunction<String, Object, S> create, Consumer<S> onCollected) {
    this.create = create;
    this.onCollected = onCollected;
  }

  /** The state of {@code model}, created on first sight. */
  S get(String framework, Object model) {
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
    S state = states.get(key);
    if (state == null) {
      S made = create.apply(framework, model);
      S raced = states.putIfAbsent(key, made);
      state = raced == null ? made : raced;
    }
    hit[0] = key;
    hit[1] = state;
    return state;
  }

  /** The state of {@code model}, or null if it was never seen (or was collected). */
  S find(Object model) {
    Object[] hit = lastHit.get();
    if (hit[0] instanceof WeakReference && ((WeakReference<?>) hit[0]).get() == model) {
      @SuppressWarnings("unchecked")
      S cached = (S) hit[1];
      return cached;
    }
    return states.get(new Key(model, null));
  }

  /** Every state whose model is still alive. */
  List<S> all() {
    expunge();
    return new ArrayList<>(states.values());
  }

  /** Hands the states of collected models to {@code onCollected}. */
  void expunge() {
    Object ref;
    while ((ref = collected.poll()) != null) {
      S gone = states.remove(ref);
      if (gone != null) {
        onCollected.accept(gone);
      }
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
