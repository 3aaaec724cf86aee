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
    List<Class<?>> batch = new ArrayList<>(BATCH);
    int done = 0;
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (internalNames.contains(loaded.getName().replace('.', '/')) && instrumentation.isModifiableClass(loaded)) {
        batch.add(loaded);
        if (batch.size() == BATCH) {
          done += retransform(instrumentation, batch);
        }
      }
    }
    return done + retransform(instrumentation, batch);
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
