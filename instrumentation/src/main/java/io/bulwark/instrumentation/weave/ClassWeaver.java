package io.bulwark.instrumentation.weave;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves advice into a class file, straight on ASM. Bulwark's advice is a few static calls into the
 * bridge (see {@link MethodAdvice}), so this needs no description of the class's hierarchy, no
 * class loading and no frame computation: the methods that are not advised are copied as they are,
 * and the advised ones keep their own stack map frames.
 */
public final class ClassWeaver {

  private ClassWeaver() {}

  /**
   * Returns the woven class file, or {@code null} when no method matched.
   *
   * @throws IllegalArgumentException when an advice does not fit the method it matched (a bug in
   *     the advice, reported instead of writing a class that would not verify)
   */
  public static byte[] weave(byte[] classfile, List<MethodAdvice> advice) {
    ClassReader reader = new ClassReader(classfile);
    ClassWriter writer = new ClassWriter(reader, 0);
    Advising visitor = new Advising(writer, advice);
    reader.accept(visitor, ClassReader.EXPAND_FRAMES);
    return visitor.advised == 0 ? null : writer.toByteArray();
  }

  private static final class Advising extends ClassVisitor {
    private final List<MethodAdvice> advice;
    private String owner;
    private int version;
    int advised;

    Advising(ClassVisitor next, List<MethodAdvice> advice) {
      super(Opcodes.ASM9, next);
      this.advice = advice;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
        String[] interfaces) {
      this.owner = name;
      this.version = version;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
      for (MethodAdvice each : advice) {
        if (each.methods.matches(access, name, descriptor)) {
          visitor = new AdviceMethodVisitor(api, visitor, each, owner, version, access, name, descriptor);
          advised++;
        }
      }
      return visitor;
    }
  }
}
