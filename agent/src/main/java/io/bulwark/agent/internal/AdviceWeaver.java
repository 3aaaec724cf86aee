package io.bulwark.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.function.Function;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves Byte Buddy advice into the named classes, straight on ASM. Bulwark's targets are known by
 * exact name and only get inlined advice (no new members, no auxiliary classes), so the whole of
 * Byte Buddy's AgentBuilder, which generates classes of its own at start-up, is not needed: this
 * halves the agent's start-up work.
 */
final class AdviceWeaver implements ClassFileTransformer {

  private final Function<String, AsmVisitorWrapper> adviceByInternalName;
  /** Advice for a type by its super types (JDBC), or {@code null}: asked for classes no name matched. */
  private final Function<TypeDescription, AsmVisitorWrapper> adviceByHierarchy;
  private final TypePoolCache pools = new TypePoolCache();

  AdviceWeaver(Map<String, AsmVisitorWrapper> adviceByInternalName) {
    this(Map.copyOf(adviceByInternalName)::get);
  }

  /** @param adviceByInternalName the advice for a class, or {@code null}; may build it on first use */
  AdviceWeaver(Function<String, AsmVisitorWrapper> adviceByInternalName) {
    this(adviceByInternalName, type -> null);
  }

  AdviceWeaver(Function<String, AsmVisitorWrapper> adviceByInternalName,
      Function<TypeDescription, AsmVisitorWrapper> adviceByHierarchy) {
    this.adviceByInternalName = adviceByInternalName;
    this.adviceByHierarchy = adviceByHierarchy;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] classfile) {
    AsmVisitorWrapper advice = adviceByInternalName.apply(internalName);
    String name = internalName.replace('/', '.');
    TypePool pool = null;
    TypeDescription type = null;
    if (advice == null) {
      pool = pools.pool(loader, name, classfile);
      type = pool.describe(name).resolve();
      advice = type.isInterface() ? null : adviceByHierarchy.apply(type);
      if (advice == null) {
        return null;
      }
    } else {
      pool = pools.pool(loader, name, classfile);
      type = pool.describe(name).resolve();
    }
    int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
    int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
    ClassReader reader = OpenedClassReader.of(classfile);
    ClassWriter writer = new ClassWriter(reader, writerFlags);
    ClassVisitor visitor = advice.wrap(type, writer,
        new InliningOnlyContext(type, ClassFileVersion.ofClassFile(classfile)),
        pool, type.getDeclaredFields(), type.getDeclaredMethods(), writerFlags, readerFlags);
    reader.accept(visitor, readerFlags);
    Debug.weaved(name, classBeingRedefined != null);
    return writer.toByteArray();
  }

  /** Inlined advice needs no auxiliary types or accessors; asking for one is a bug, and fails. */
  private static final class InliningOnlyContext extends Implementation.Context.Disabled {
    InliningOnlyContext(TypeDescription type, ClassFileVersion version) {
      super(type, version, Implementation.Context.FrameGeneration.GENERATE);
    }
  }

  private static final class Debug {
    static void weaved(String name, boolean retransformed) {
      io.bulwark.bridge.AgentLog.debug("instrumented " + name + (retransformed ? " (retransformed)" : ""));
    }
  }
}
