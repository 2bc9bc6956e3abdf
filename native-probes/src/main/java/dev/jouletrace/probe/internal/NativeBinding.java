package dev.jouletrace.probe.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A native library bound by JNA direct mapping: the core symbol class at load, and each optional
 * symbol group (a class of {@code native} methods) on its first use. A group whose symbols the
 * library lacks is remembered as missing, so an old driver costs one failed registration, not one
 * per read.
 *
 * @param <G> the library's optional symbol groups
 */
public final class NativeBinding<G extends Enum<G>> {
  // Group states, indexed by ordinal.
  private static final int UNKNOWN = 0;
  private static final int BOUND = 1;
  private static final int MISSING = -1;

  private final String libraryName;
  private final NativeLibrary library;
  private final Function<G, Class<?>> holderOf;
  // The slot's lock: registering a group must not interleave with rebinding the slot.
  private final Object lock;
  private final List<Class<?>> registered = new ArrayList<>();
  // Read without the lock on every call; a stale UNKNOWN only sends the caller into the lock.
  private final int[] groups;

  private NativeBinding(String libraryName, NativeLibrary library, Slot<G> slot) {
    this.libraryName = libraryName;
    this.library = library;
    this.holderOf = slot.holderOf;
    this.lock = slot.lock;
    this.groups = new int[slot.groupCount];
  }

  public String libraryName() {
    return libraryName;
  }

  /** Whether the group's symbols exist; registers them on first call. */
  public boolean has(G group) {
    int i = group.ordinal();
    int state = groups[i];
    if (state != UNKNOWN) {
      return state == BOUND;
    }
    synchronized (lock) {
      if (groups[i] == UNKNOWN) {
        Class<?> holder = holderOf.apply(group);
        try {
          Native.register(holder, library);
          registered.add(holder);
          groups[i] = BOUND;
        } catch (UnsatisfiedLinkError e) {
          groups[i] = MISSING;
        }
      }
      return groups[i] == BOUND;
    }
  }

  /** Marks a group missing after the library itself said so at call time; it is not asked again. */
  public void markMissing(G group) {
    groups[group.ordinal()] = MISSING;
  }

  /**
   * Why the library could not be loaded, in one line: JNA's message goes on to list every path it
   * tried, which would swamp a status line.
   */
  public static String loadFailure(UnsatisfiedLinkError e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * The library loaded, but lacks a symbol every supported version exports: a version too old (or
   * not the library named), not a missing driver.
   */
  public static final class MissingCoreSymbol extends UnsatisfiedLinkError {
    private static final long serialVersionUID = 1L;

    MissingCoreSymbol(String libraryName, UnsatisfiedLinkError cause) {
      super(libraryName + " lacks a required symbol: " + loadFailure(cause));
      initCause(cause);
    }
  }

  private void unbind() {
    for (Class<?> c : registered) {
      Native.unregister(c);
    }
    registered.clear();
  }

  /**
   * Where a native API keeps its binding. JNA direct mapping ties a class's {@code native} methods
   * to one library for the whole JVM, so an API is bound to one library at a time: a second name,
   * only seen in tests, unbinds the first.
   *
   * @param <G> the library's optional symbol groups
   */
  public static final class Slot<G extends Enum<G>> {
    private final Object lock = new Object();
    private final Class<?> core;
    private final int groupCount;
    private final Function<G, Class<?>> holderOf;
    private NativeBinding<G> bound;

    /**
     * @param core the class of the symbols every supported version exports
     * @param groups the optional symbol groups
     * @param holderOf the class declaring each group's {@code native} methods
     */
    public Slot(Class<?> core, Class<G> groups, Function<G, Class<?>> holderOf) {
      this.core = core;
      this.groupCount = groups.getEnumConstants().length;
      this.holderOf = holderOf;
    }

    /**
     * Loads and binds the core symbols, or returns the binding already made for this name. Throws
     * {@link UnsatisfiedLinkError} when the library is missing, {@link MissingCoreSymbol} when it
     * lacks a core symbol.
     */
    public NativeBinding<G> bind(String libraryName) {
      synchronized (lock) {
        if (bound != null && bound.libraryName.equals(libraryName)) {
          return bound;
        }
        if (bound != null) {
          bound.unbind();
          bound = null;
        }
        JnaSearchPath.prepare();
        NativeLibrary lib = NativeLibrary.getInstance(libraryName);
        NativeBinding<G> b = new NativeBinding<>(libraryName, lib, this);
        try {
          Native.register(core, lib);
        } catch (UnsatisfiedLinkError e) {
          throw new MissingCoreSymbol(libraryName, e);
        }
        b.registered.add(core);
        bound = b;
        return b;
      }
    }
  }
}
