package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.HashMap;
import java.util.Map;
import io.bulwark.instrumentation.HierarchyInstrumentation;
import io.bulwark.instrumentation.weave.MethodAdvice;

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
    Set<String> markers = new HashSet<>();
    for (TypeInstrumentation target : all) {
      for (String name : target.typeNames()) {
        internalNames.add(name.replace('.', '/'));
      }
      if (target instanceof HierarchyInstrumentation) {
        markers.add(((HierarchyInstrumentation) target).classfileMarker());
      }
    }
    CompletableFuture<ClassFileTransformer> weaver = new CompletableFuture<>();
    instrumentation.addTransformer(
        new NameFilterTransformer(Set.copyOf(internalNames), Set.copyOf(markers), weaver), true);
    // (no lambda on the premain thread: the first one spins up java.lang.invoke before main runs)
    Thread init = new Thread(new Runnable() {
      @Override
      public void run() {
        prepare(instrumentation, all, attached, internalNames, weaver);
      }
    }, "bulwark-init");
    init.setDaemon(true);
    init.start();
  }

  /** On {@code bulwark-init}: builds the weaver, then retransforms what loaded before it. */
  private static void prepare(Instrumentation instrumentation, List<TypeInstrumentation> all, boolean attached,
      Set<String> internalNames, CompletableFuture<ClassFileTransformer> weaver) {
    try {
      long started = System.nanoTime();
      // Before the weaver exists: no JDK class is woven (nor runs advice) until it does.
      JdkModules.readBridge(instrumentation);
      weaver.complete(build(all));
      AgentLog.debug("instrumentation ready in the background after " + (System.nanoTime() - started) / 1_000_000
          + " ms");
      // Loaded before the transformer: an attached agent's targets, JDK classes at premain.
      int retransformed = Retransformer.retransformLoaded(instrumentation, internalNames, superTypes(all));
      String retransformedMessage = "retransformed " + retransformed + " already-loaded class(es) in batches of "
          + Retransformer.BATCH;
      if (attached) {
        AgentLog.info(retransformedMessage);
      } else {
        AgentLog.debug(retransformedMessage); // the JDK's sink classes, at every start
      }
    } catch (Throwable t) {
      weaver.completeExceptionally(t);
      AgentLog.error("cannot prepare the instrumentation; requests are NOT checked", t);
    }
  }

  private static Set<String> superTypes(List<TypeInstrumentation> all) {
    Set<String> names = new HashSet<>();
    for (TypeInstrumentation target : all) {
      if (target instanceof HierarchyInstrumentation) {
        names.addAll(((HierarchyInstrumentation) target).superTypeNames());
      }
    }
    return names;
  }

  /** Maps each target type to its advice; the hierarchy instrumentations go by super type. */
  static ClassFileTransformer build(List<TypeInstrumentation> all) {
    Map<String, List<MethodAdvice>> byInternalName = new HashMap<>();
    List<HierarchyInstrumentation> hierarchies = new ArrayList<>();
    for (TypeInstrumentation target : all) {
      for (MethodAdvice advice : target.advice()) {
        advice.prepare();
      }
      for (String name : target.typeNames()) {
        byInternalName.computeIfAbsent(name.replace('.', '/'), k -> new ArrayList<>()).addAll(target.advice());
      }
      if (target instanceof HierarchyInstrumentation) {
        hierarchies.add((HierarchyInstrumentation) target);
      }
    }
    return new AdviceWeaver(byInternalName, hierarchies);
  }
}
