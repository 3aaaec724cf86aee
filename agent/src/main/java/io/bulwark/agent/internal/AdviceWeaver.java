package io.bulwark.agent.internal;

import io.bulwark.instrumentation.HierarchyInstrumentation;
import io.bulwark.instrumentation.weave.ClassWeaver;
import io.bulwark.instrumentation.weave.MethodAdvice;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Weaves the advice into the classes it names, and into the classes below a hierarchy
 * instrumentation's types (JDBC drivers). Bulwark's advice is a few static calls into the bridge,
 * woven straight on ASM ({@link ClassWeaver}): no class is described, loaded or generated to do it.
 */
final class AdviceWeaver implements ClassFileTransformer {

  private final Map<String, List<MethodAdvice>> adviceByInternalName;
  private final List<Hierarchy> hierarchies = new ArrayList<>();
  private final SuperTypes superTypes = new SuperTypes();

  /** @param adviceByInternalName the advice for each class by its internal name ({@code a/b/C}) */
  AdviceWeaver(Map<String, List<MethodAdvice>> adviceByInternalName, List<HierarchyInstrumentation> hierarchies) {
    this.adviceByInternalName = Map.copyOf(adviceByInternalName);
    for (HierarchyInstrumentation target : hierarchies) {
      this.hierarchies.add(new Hierarchy(target.superTypeInternalNames(), target.advice()));
    }
  }

  private static final class Hierarchy {
    final Set<String> superTypes;
    final List<MethodAdvice> advice;

    Hierarchy(Set<String> superTypes, List<MethodAdvice> advice) {
      this.superTypes = Set.copyOf(superTypes);
      this.advice = advice;
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] classfile) {
    List<MethodAdvice> advice = adviceByInternalName.get(internalName);
    if (advice == null) {
      advice = byHierarchy(loader, classfile);
      if (advice.isEmpty()) {
        return null;
      }
    }
    byte[] woven = ClassWeaver.weave(classfile, advice);
    if (woven != null) {
      Debug.weaved(internalName.replace('/', '.'), classBeingRedefined != null);
    }
    return woven;
  }

  /** The advice of every hierarchy instrumentation the class (not an interface) is below. */
  private List<MethodAdvice> byHierarchy(ClassLoader loader, byte[] classfile) {
    if (hierarchies.isEmpty()) {
      return List.of();
    }
    ClassReader header = new ClassReader(classfile);
    if ((header.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
      return List.of();
    }
    List<MethodAdvice> advice = new ArrayList<>();
    for (Hierarchy target : hierarchies) {
      if (superTypes.isBelow(loader, header.getSuperName(), header.getInterfaces(), target.superTypes)) {
        advice.addAll(target.advice);
      }
    }
    return advice;
  }

  private static final class Debug {
    static void weaved(String name, boolean retransformed) {
      io.bulwark.bridge.AgentLog.debug("instrumented " + name + (retransformed ? " (retransformed)" : ""));
    }
  }
}
