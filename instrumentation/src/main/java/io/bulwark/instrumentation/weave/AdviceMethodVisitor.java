package io.bulwark.instrumentation.weave;

import io.bulwark.instrumentation.weave.MethodAdvice.EnterStep;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves one {@link MethodAdvice} into one method, as the class reader replays it.
 *
 * <p>The woven code keeps to the operand stack and the method's parameters, so the method's own
 * locals are untouched (nothing to renumber) and the only stack map frames it needs are the
 * method's initial frame at the few labels it adds: after an entry hook that may skip the body, and
 * at the handler for a throwing body. The handler covers the original body in ranges that leave out
 * the return hooks, so a return hook that throws is not seen as the method throwing; it is the last
 * entry of the exception table, so the method's own handlers catch first.
 */
final class AdviceMethodVisitor extends MethodVisitor {

  /** Enough for what the woven code pushes on top of the method's own stack (at most five values). */
  private static final int EXTRA_STACK = 8;

  private final MethodAdvice advice;
  private final String methodName;
  private final Type[] arguments;
  private final Type returnType;
  private final int[] argumentSlots;
  private final boolean isStatic;
  private final boolean writesFrames;
  private final Object[] initialLocals;
  private final boolean wrapsBody;
  private final List<Label[]> ranges = new ArrayList<>();
  private Label rangeStart;
  private int instructionsInRange;
  private int thrownSlot = -1;

  AdviceMethodVisitor(int api, MethodVisitor next, MethodAdvice advice, String owner, int classVersion,
      int access, String name, String descriptor) {
    super(api, next);
    this.advice = advice;
    this.methodName = name;
    this.arguments = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    boolean constructor = name.equals("<init>");
    this.writesFrames = (classVersion & 0xFFFF) >= Opcodes.V1_6;
    this.wrapsBody = advice.wrapsBody();
    this.argumentSlots = new int[arguments.length];
    List<Object> locals = new ArrayList<>();
    int slot = 0;
    if (!isStatic) {
      locals.add(constructor ? Opcodes.UNINITIALIZED_THIS : owner);
      slot++;
    }
    for (int i = 0; i < arguments.length; i++) {
      argumentSlots[i] = slot;
      slot += arguments[i].getSize();
      locals.add(frameType(arguments[i]));
    }
    this.initialLocals = locals.toArray();
    if (constructor) {
      checkFitsConstructor(advice);
    }
    if (isStatic && uses(advice, Value.Self.class)) {
      throw new IllegalArgumentException(advice + ": a static method has no 'this' (" + name + descriptor + ")");
    }
  }

  /** Before the super constructor runs, woven code may only read the arguments. */
  private static void checkFitsConstructor(MethodAdvice advice) {
    for (EnterStep step : advice.enter) {
      if (step.outcome == OnEnter.SKIP_IF_TRUE || step.outcome == OnEnter.SKIP_IF_NOT_NULL) {
        throw new IllegalArgumentException(advice + ": a constructor cannot skip its body");
      }
    }
    if (advice.wrapsBody() || uses(advice, Value.Self.class)) {
      throw new IllegalArgumentException(advice + ": constructors take entry hooks on their arguments only");
    }
  }

  private static boolean uses(MethodAdvice advice, Class<? extends Value> kind) {
    for (Hook hook : advice.hooks()) {
      for (Value value : hook.values) {
        if (kind.isInstance(value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      case Type.ARRAY:
        return type.getDescriptor();
      default:
        return type.getInternalName();
    }
  }

  private static boolean isReference(Type type) {
    return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
  }

  // ---- entry ----

  /**
   * The entry hooks, in order. A hook that may skip the body leaves its result on the stack while
   * the hooks after it run (they leave the stack as they found it), and the skips are taken at the
   * end: so every entry hook runs, as the servlet advice needs (the request replacement after the
   * decision), whether or not the body is then skipped.
   */
  @Override
  public void visitCode() {
    super.visitCode();
    List<EnterStep> skips = new ArrayList<>();
    for (EnterStep step : advice.enter) {
      call(step.hook);
      switch (step.outcome) {
        case CONTINUE:
          discard(step.hook.resolved().returnType);
          break;
        case REPLACE_ARGUMENT:
          replaceArgument(step.argument);
          break;
        default:
          skips.add(step);
      }
    }
    for (int i = skips.size() - 1; i >= 0; i--) {
      List<Object> below = new ArrayList<>();
      for (EnterStep earlier : skips.subList(0, i)) {
        below.add(earlier.outcome == OnEnter.SKIP_IF_TRUE ? Opcodes.INTEGER : "java/lang/Object");
      }
      if (skips.get(i).outcome == OnEnter.SKIP_IF_TRUE) {
        skipIfTrue(below);
      } else {
        skipIfNotNull(below);
      }
    }
    if (wrapsBody) {
      openRange();
    }
  }

  private void skipIfTrue(List<Object> below) {
    Label proceed = new Label();
    super.visitJumpInsn(Opcodes.IFEQ, proceed);
    returnHooks();
    returnDefault();
    super.visitLabel(proceed);
    frame(below.toArray());
    super.visitInsn(Opcodes.NOP); // the method's own first frame, if any, must not share this offset
  }

  private void skipIfNotNull(List<Object> below) {
    Label proceed = new Label();
    super.visitInsn(Opcodes.DUP);
    super.visitJumpInsn(Opcodes.IFNULL, proceed);
    if (isReference(returnType)) {
      super.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
      returnHooks();
      super.visitInsn(Opcodes.ARETURN);
    } else {
      super.visitInsn(Opcodes.POP);
      returnHooks();
      returnDefault();
    }
    super.visitLabel(proceed);
    List<Object> stack = new ArrayList<>(below);
    stack.add("java/lang/Object");
    frame(stack.toArray());
    super.visitInsn(Opcodes.POP);
  }

  private void replaceArgument(int index) {
    Type type = argument(index);
    if (!type.getDescriptor().equals("Ljava/lang/Object;")) {
      super.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
    }
    super.visitVarInsn(Opcodes.ASTORE, argumentSlots[index]);
  }

  // ---- returns ----

  @Override
  public void visitInsn(int opcode) {
    if (wrapsBody && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      closeRange();
      returnHooks();
      super.visitInsn(opcode);
      openRange();
      return;
    }
    instructionsInRange++;
    super.visitInsn(opcode);
  }

  private void returnHooks() {
    for (Hook hook : advice.onReturn) {
      call(hook);
      discard(hook.resolved().returnType);
    }
  }

  private void returnDefault() {
    switch (returnType.getSort()) {
      case Type.VOID:
        super.visitInsn(Opcodes.RETURN);
        break;
      case Type.LONG:
        super.visitInsn(Opcodes.LCONST_0);
        super.visitInsn(Opcodes.LRETURN);
        break;
      case Type.FLOAT:
        super.visitInsn(Opcodes.FCONST_0);
        super.visitInsn(Opcodes.FRETURN);
        break;
      case Type.DOUBLE:
        super.visitInsn(Opcodes.DCONST_0);
        super.visitInsn(Opcodes.DRETURN);
        break;
      case Type.ARRAY: case Type.OBJECT:
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitInsn(Opcodes.ARETURN);
        break;
      default: // boolean, byte, char, short, int
        super.visitInsn(Opcodes.ICONST_0);
        super.visitInsn(Opcodes.IRETURN);
    }
  }

  // ---- throws ----

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    int locals = maxLocals;
    if (wrapsBody) {
      closeRange();
      if (advice.onThrow != null && !ranges.isEmpty()) {
        thrownSlot = maxLocals;
        locals = maxLocals + 1;
        handler();
      }
    }
    super.visitMaxs(maxStack + EXTRA_STACK, locals);
  }

  private void handler() {
    Label handler = new Label();
    for (Label[] range : ranges) {
      super.visitTryCatchBlock(range[0], range[1], handler, "java/lang/Throwable");
    }
    super.visitLabel(handler);
    frame("java/lang/Throwable");
    super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
    Hook hook = advice.onThrow;
    Type hookReturns = hook.resolved().returnType;
    call(hook);
    if (advice.afterThrow == OnThrow.RETHROW) {
      discard(hookReturns);
      super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
      super.visitInsn(Opcodes.ATHROW);
    } else if (returnType.getSort() == Type.VOID) {
      discard(hookReturns);
      super.visitInsn(Opcodes.RETURN);
    } else if (isReference(returnType) && isReference(hookReturns)) {
      super.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
      super.visitInsn(Opcodes.ARETURN);
    } else {
      throw new IllegalArgumentException(advice + ": " + hook + " cannot supply what " + methodName
          + " returns (" + returnType + ")");
    }
  }

  private void openRange() {
    rangeStart = new Label();
    super.visitLabel(rangeStart);
    instructionsInRange = 0;
  }

  private void closeRange() {
    if (instructionsInRange > 0) {
      Label end = new Label();
      super.visitLabel(end);
      ranges.add(new Label[] {rangeStart, end});
    }
    instructionsInRange = 0;
  }

  // ---- hook calls ----

  private void call(Hook hook) {
    Hook.Resolved method = hook.resolved();
    for (int i = 0; i < hook.values.size(); i++) {
      push(hook.values.get(i), method.parameters[i]);
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, method.owner, method.name, method.descriptor, false);
  }

  private void push(Value value, Type parameter) {
    if (value instanceof Value.Constant) {
      super.visitLdcInsn(((Value.Constant) value).value);
    } else if (value instanceof Value.MethodName) {
      super.visitLdcInsn(methodName);
    } else if (value instanceof Value.Self) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
    } else if (value instanceof Value.Thrown) {
      if (thrownSlot < 0) {
        throw new IllegalArgumentException(advice + ": only the throw hook can be handed what was thrown");
      }
      super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
    } else {
      int index = ((Value.Argument) value).index;
      Type type = argument(index);
      super.visitVarInsn(Opcodes.ALOAD, argumentSlots[index]);
      if (!parameter.getDescriptor().equals("Ljava/lang/Object;") && !parameter.equals(type)) {
        super.visitTypeInsn(Opcodes.CHECKCAST, parameter.getInternalName());
      }
    }
  }

  private Type argument(int index) {
    if (index >= arguments.length || !isReference(arguments[index])) {
      throw new IllegalArgumentException(advice + ": argument " + index + " of " + methodName
          + " is not a reference");
    }
    return arguments[index];
  }

  /** Drops a hook's result the woven code does not use. */
  private void discard(Type type) {
    if (type.getSize() == 2) {
      super.visitInsn(Opcodes.POP2);
    } else if (type.getSize() == 1) {
      super.visitInsn(Opcodes.POP);
    }
  }

  private void frame(Object... stack) {
    if (writesFrames) {
      super.visitFrame(Opcodes.F_NEW, initialLocals.length, initialLocals, stack.length, stack);
    }
  }

  // ---- every other instruction counts towards the current range ----

  @Override
  public void visitIntInsn(int opcode, int operand) {
    instructionsInRange++;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    instructionsInRange++;
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    instructionsInRange++;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    instructionsInRange++;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    instructionsInRange++;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
    instructionsInRange++;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    instructionsInRange++;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    instructionsInRange++;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    instructionsInRange++;
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    instructionsInRange++;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    instructionsInRange++;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    instructionsInRange++;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
