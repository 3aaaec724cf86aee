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
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashMap;
import java.util.Map;
import io.bulwark.instrumentation.HierarchyInstrumentation;
import java.util.function.Function;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

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
    JdkModules.readBridge(instrumentation);
    CompletableFuture<ClassFileTransformer> byteBuddy = new CompletableFuture<>();
    instrumentation.addTransformer(
        new NameFilterTransformer(Set.copyOf(internalNames), Set.copyOf(markers), byteBuddy), true);
    Thread init = new Thread(() -> {
      try {
        long started = System.nanoTime();
        byteBuddy.complete(build(all));
        AgentLog.debug("instrumentation ready in the background after " + (System.nanoTime() - started) / 1_000_000 + " ms");
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
        byteBuddy.completeExceptionally(t);
        AgentLog.error("cannot prepare the instrumentation; requests are NOT checked", t);
      }
    }, "bulwark-init");
    init.setDaemon(true);
    init.start();
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

  /**
   * Maps each target type to its advice. The advice of instrumentations built at start-up is parsed
   * now (Byte Buddy reads the advice class); the others' when one of their types first loads.
   */
  static ClassFileTransformer build(List<TypeInstrumentation> all) {
    Map<String, List<TypeInstrumentation>> byInternalName = new HashMap<>();
    Map<TypeInstrumentation, AsmVisitorWrapper> built = new ConcurrentHashMap<>();
    for (TypeInstrumentation target : all) {
      if (target.buildsAtStartUp()) {
        built.put(target, target.advice());
      }
      for (String name : target.typeNames()) {
        byInternalName.computeIfAbsent(name.replace('.', '/'), k -> new ArrayList<>()).add(target);
      }
    }
    List<HierarchyInstrumentation> hierarchies = new ArrayList<>();
    for (TypeInstrumentation target : all) {
      if (target instanceof HierarchyInstrumentation) {
        hierarchies.add((HierarchyInstrumentation) target);
      }
    }
    Function<TypeDescription, AsmVisitorWrapper> byHierarchy = type -> {
      AsmVisitorWrapper advice = null;
      for (HierarchyInstrumentation target : hierarchies) {
        for (String superType : target.superTypeNames()) {
          if (ElementMatchers.hasSuperType(ElementMatchers.named(superType)).matches(type)) {
            AsmVisitorWrapper one = built.computeIfAbsent(target, TypeInstrumentation::advice);
            advice = advice == null ? one : new AsmVisitorWrapper.Compound(advice, one);
            break;
          }
        }
      }
      return advice;
    };
    return new AdviceWeaver(internalName -> {
      List<TypeInstrumentation> targets = byInternalName.get(internalName);
      if (targets == null) {
        return null;
      }
      AsmVisitorWrapper advice = null;
      for (TypeInstrumentation target : targets) {
        AsmVisitorWrapper one = built.computeIfAbsent(target, TypeInstrumentation::advice);
        advice = advice == null ? one : new AsmVisitorWrapper.Compound(advice, one);
      }
      return advice;
    }, byHierarchy);
  }
}
