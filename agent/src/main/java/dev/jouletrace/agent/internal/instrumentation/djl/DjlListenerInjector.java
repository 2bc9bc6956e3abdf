package dev.jouletrace.agent.internal.instrumentation.djl;

import dev.jouletrace.agent.internal.AgentLog;
import dev.jouletrace.agent.internal.lifecycle.ListenerInjector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

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
   * callbacks in its one field, every other abstract method is empty (or returns zero or null).
   * Written directly with ASM, which Byte Buddy carries, rather than with Byte Buddy's class
   * builder: that started all of Byte Buddy (about 680 classes, 190 ms) on the training thread as
   * its first trainer was made (docs/BENCHMARKS.md, weave cache). Its methods have no branch, so
   * the class needs no stack map frames.
   */
  static Class<?> generate(Class<?> listenerType) {
    String self = NAME.replace('.', '/');
    String callbacks = Type.getInternalName(ProbeCallbacks.class);
    String callbacksDescriptor = Type.getDescriptor(ProbeCallbacks.class);
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V1_8,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        self,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(listenerType)});
    cw.visitField(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "callbacks", callbacksDescriptor, null, null)
        .visitEnd();

    MethodVisitor init =
        cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(" + callbacksDescriptor + ")V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitFieldInsn(Opcodes.PUTFIELD, self, "callbacks", callbacksDescriptor);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    Set<String> written = new HashSet<>();
    for (Method m : listenerType.getMethods()) {
      String descriptor = Type.getMethodDescriptor(m);
      if (!Modifier.isAbstract(m.getModifiers()) || !written.add(m.getName() + descriptor)) {
        continue;
      }
      MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, m.getName(), descriptor, null, null);
      mv.visitCode();
      boolean passedOn =
          m.getReturnType() == void.class
              && (m.getName().equals("onEpoch") || m.getName().equals("onTrainingEnd"));
      if (passedOn) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, self, "callbacks", callbacksDescriptor);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, callbacks, m.getName(), "()V", true);
      }
      returnNothing(mv, m.getReturnType());
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    cw.visitEnd();
    return new ProbeLoader(listenerType.getClassLoader()).define(NAME, cw.toByteArray());
  }

  /** Returns from a stub: nothing, zero or null, as its return type asks. */
  private static void returnNothing(MethodVisitor mv, Class<?> type) {
    if (type == void.class) {
      mv.visitInsn(Opcodes.RETURN);
    } else if (type == long.class) {
      mv.visitInsn(Opcodes.LCONST_0);
      mv.visitInsn(Opcodes.LRETURN);
    } else if (type == float.class) {
      mv.visitInsn(Opcodes.FCONST_0);
      mv.visitInsn(Opcodes.FRETURN);
    } else if (type == double.class) {
      mv.visitInsn(Opcodes.DCONST_0);
      mv.visitInsn(Opcodes.DRETURN);
    } else if (type.isPrimitive()) {
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.IRETURN);
    } else {
      mv.visitInsn(Opcodes.ACONST_NULL);
      mv.visitInsn(Opcodes.ARETURN);
    }
  }

  /**
   * Where the probe class is defined: it sees DJL's classes through its parent (DJL's loader) and
   * the agent's callback interface, the one agent type it names, as the agent loads it.
   */
  private static final class ProbeLoader extends ClassLoader {
    ProbeLoader(ClassLoader djl) {
      super(djl);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(ProbeCallbacks.class.getName())) {
        return ProbeCallbacks.class;
      }
      return super.loadClass(name, resolve);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
