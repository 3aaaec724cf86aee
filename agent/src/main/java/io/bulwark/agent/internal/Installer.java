package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Installs the type instrumentations: a name filter now, the advice weaver behind it once built in
 * the background.
 */
final class Installer {

  private Installer() {}

  /**
   * @param attached true when the agent was attached to a running JVM: the instrumented types that
   *     are already loaded are then retransformed, in batches
   */
  static void install(Instrumentation instrumentation, List<TypeInstrumentation> all, boolean attached) {
    Set<String> internalNames = new HashSet<>();
    for (TypeInstrumentation target : all) {
      for (String name : target.typeNames()) {
        internalNames.add(name.replace('.', '/'));
      }
    }
    CompletableFuture<ClassFileTransformer> byteBuddy = new CompletableFuture<>();
    instrumentation.addTransformer(new NameFilterTransformer(Set.copyOf(internalNames), byteBuddy), true);
    Thread init = new Thread(() -> {
      try {
        long started = System.nanoTime();
        byteBuddy.complete(build(all));
        AgentLog.debug("instrumentation ready in the background after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        // Loaded before the transformer: an attached agent's targets, JDK classes at premain.
        int retransformed = Retransformer.retransformLoaded(instrumentation, internalNames);
        if (attached || retransformed > 0) {
          AgentLog.info("retransformed " + retransformed + " already-loaded class(es) in batches of "
              + Retransformer.BATCH);
        }
      } catch (Throwable t) {
        byteBuddy.completeExceptionally(t);
        AgentLog.error("cannot prepare the instrumentation; requests are NOT checked", t);
      }
    }, "bulwark-init");
    init.setDaemon(true);
    init.start();
  }

  /** Parses each advice once (Byte Buddy reads the advice class) and maps it to its target types. */
  private static ClassFileTransformer build(List<TypeInstrumentation> all) {
    Map<String, AsmVisitorWrapper> adviceByInternalName = new HashMap<>();
    for (TypeInstrumentation target : all) {
      AsmVisitorWrapper advice = target.advice();
      for (String name : target.typeNames()) {
        adviceByInternalName.merge(name.replace('.', '/'), advice, AsmVisitorWrapper.Compound::new);
      }
    }
    return new AdviceWeaver(adviceByInternalName);
  }
}
