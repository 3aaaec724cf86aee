package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Re-weaves classes that were loaded before the transformer was installed: every class an
 * instrumentation names when the agent is attached to a running JVM (servlet containers, JAX-RS,
 * Spring MVC), and JDK classes loaded before premain (sinks name theirs the same way, as {@code
 * TypeInstrumentation.typeNames}). Classes go in batches, so one class the JVM refuses costs its
 * batch, not the whole list, and no single call stops the application's threads for long.
 */
final class Retransformer {

  static final int BATCH = 50;

  private Retransformer() {}

  /** Retransforms the loaded classes named in {@code internalNames}; returns how many were. */
  static int retransformLoaded(Instrumentation instrumentation, Set<String> internalNames) {
    return retransformLoaded(instrumentation, internalNames, Set.of());
  }

  /**
   * As above, and the loaded non-interface classes of application loaders below one of {@code
   * superTypes} (binary names; JDBC drivers already loaded when the agent is attached).
   */
  static int retransformLoaded(Instrumentation instrumentation, Set<String> internalNames, Set<String> superTypes) {
    List<Class<?>> batch = new ArrayList<>(BATCH);
    int done = 0;
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      boolean named = internalNames.contains(loaded.getName().replace('.', '/'));
      boolean below = !named && !superTypes.isEmpty() && loaded.getClassLoader() != null && !loaded.isInterface()
          && !loaded.isArray() && below(loaded, superTypes);
      if ((named || below) && instrumentation.isModifiableClass(loaded)) {
        batch.add(loaded);
        if (batch.size() == BATCH) {
          done += retransform(instrumentation, batch);
        }
      }
    }
    return done + retransform(instrumentation, batch);
  }

  private static boolean below(Class<?> type, Set<String> superTypes) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> each : c.getInterfaces()) {
        if (implementsAny(each, superTypes, 0)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean implementsAny(Class<?> type, Set<String> superTypes, int depth) {
    if (superTypes.contains(type.getName())) {
      return true;
    }
    if (depth > 16) {
      return false;
    }
    for (Class<?> each : type.getInterfaces()) {
      if (implementsAny(each, superTypes, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static int retransform(Instrumentation instrumentation, List<Class<?>> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    int size = batch.size();
    try {
      instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
      return size;
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      AgentLog.errorOnce("retransforming " + batch, e);
      return 0;
    } finally {
      batch.clear();
    }
  }
}
