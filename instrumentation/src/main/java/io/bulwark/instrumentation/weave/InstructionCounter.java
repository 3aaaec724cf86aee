package io.bulwark.instrumentation.weave;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Counts the instructions that pass through it. The advice weaver writes its own code straight to
 * the next visitor and uses the count to know whether a stretch of the method's body held any
 * instruction of the method's own (an exception range must not be empty).
 */
abstract class InstructionCounter extends MethodVisitor {

  /** Instructions passed on since the subclass last reset this. */
  protected int instructions;

  InstructionCounter(int api, MethodVisitor next) {
    super(api, next);
  }

  @Override
  public void visitInsn(int opcode) {
    instructions++;
    super.visitInsn(opcode);
  }


  @Override
  public void visitIntInsn(int opcode, int operand) {
    instructions++;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    instructions++;
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    instructions++;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    instructions++;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    instructions++;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
    instructions++;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    instructions++;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    instructions++;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    instructions++;
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    instructions++;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    instructions++;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    instructions++;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
