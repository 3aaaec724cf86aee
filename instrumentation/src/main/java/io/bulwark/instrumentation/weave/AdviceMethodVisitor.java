package io.bulwark.instrumentation.weave;

import io.bulwark.instrumentation.weave.MethodAdvice.EnterStep;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves one {@link MethodAdvice} into one method, as the class reader replays it.
 *
 * <p>The woven code keeps to the operand stack and the method's parameters, so the method's own
 * locals are untouched (nothing to renumber) and the only stack map frames it needs are the
 * method's initial frame at the few labels it adds: after an entry hook that may skip the body, and
 * at the handler for a throwing body. The handler covers the original body in ranges that leave out
 * the return hooks, so a return hook that throws is not seen as the method throwing; it is the last
 * entry of the exception table, so the method's own handlers catch first. Woven code goes straight
 * to the next visitor ({@code mv}); only the method's own instructions are counted, so that a range
 * with none of them is left out.
 */
final class AdviceMethodVisitor extends InstructionCounter {

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
    mv.visitJumpInsn(Opcodes.IFEQ, proceed);
    returnHooks();
    returnDefault();
    mv.visitLabel(proceed);
    frame(below.toArray());
    mv.visitInsn(Opcodes.NOP); // the method's own first frame, if any, must not share this offset
  }

  private void skipIfNotNull(List<Object> below) {
    Label proceed = new Label();
    mv.visitInsn(Opcodes.DUP);
    mv.visitJumpInsn(Opcodes.IFNULL, proceed);
    if (isReference(returnType)) {
      mv.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
      returnHooks();
      mv.visitInsn(Opcodes.ARETURN);
    } else {
      mv.visitInsn(Opcodes.POP);
      returnHooks();
      returnDefault();
    }
    mv.visitLabel(proceed);
    List<Object> stack = new ArrayList<>(below);
    stack.add("java/lang/Object");
    frame(stack.toArray());
    mv.visitInsn(Opcodes.POP);
  }

  private void replaceArgument(int index) {
    Type type = argument(index);
    if (!type.getDescriptor().equals("Ljava/lang/Object;")) {
      mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
    }
    mv.visitVarInsn(Opcodes.ASTORE, argumentSlots[index]);
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
        mv.visitInsn(Opcodes.RETURN);
        break;
      case Type.LONG:
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LRETURN);
        break;
      case Type.FLOAT:
        mv.visitInsn(Opcodes.FCONST_0);
        mv.visitInsn(Opcodes.FRETURN);
        break;
      case Type.DOUBLE:
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DRETURN);
        break;
      case Type.ARRAY: case Type.OBJECT:
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        break;
      default: // boolean, byte, char, short, int
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
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
      mv.visitTryCatchBlock(range[0], range[1], handler, "java/lang/Throwable");
    }
    mv.visitLabel(handler);
    frame("java/lang/Throwable");
    mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
    Hook hook = advice.onThrow;
    Type hookReturns = hook.resolved().returnType;
    call(hook);
    if (advice.afterThrow == OnThrow.RETHROW) {
      discard(hookReturns);
      mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
      mv.visitInsn(Opcodes.ATHROW);
    } else if (returnType.getSort() == Type.VOID) {
      discard(hookReturns);
      mv.visitInsn(Opcodes.RETURN);
    } else if (isReference(returnType) && isReference(hookReturns)) {
      mv.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
      mv.visitInsn(Opcodes.ARETURN);
    } else {
      throw new IllegalArgumentException(advice + ": " + hook + " cannot supply what " + methodName
          + " returns (" + returnType + ")");
    }
  }

  private void openRange() {
    rangeStart = new Label();
    mv.visitLabel(rangeStart);
    instructions = 0;
  }

  private void closeRange() {
    if (instructions > 0) {
      Label end = new Label();
      mv.visitLabel(end);
      ranges.add(new Label[] {rangeStart, end});
    }
    instructions = 0;
  }

  // ---- hook calls ----

  private void call(Hook hook) {
    Hook.Resolved method = hook.resolved();
    for (int i = 0; i < hook.values.size(); i++) {
      push(hook.values.get(i), method.parameters[i]);
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, method.owner, method.name, method.descriptor, false);
  }

  private void push(Value value, Type parameter) {
    if (value instanceof Value.Constant) {
      mv.visitLdcInsn(((Value.Constant) value).value);
    } else if (value instanceof Value.MethodName) {
      mv.visitLdcInsn(methodName);
    } else if (value instanceof Value.Self) {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
    } else if (value instanceof Value.Thrown) {
      if (thrownSlot < 0) {
        throw new IllegalArgumentException(advice + ": only the throw hook can be handed what was thrown");
      }
      mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
    } else {
      int index = ((Value.Argument) value).index;
      Type type = argument(index);
      mv.visitVarInsn(Opcodes.ALOAD, argumentSlots[index]);
      if (!parameter.getDescriptor().equals("Ljava/lang/Object;") && !parameter.equals(type)) {
        mv.visitTypeInsn(Opcodes.CHECKCAST, parameter.getInternalName());
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
      mv.visitInsn(Opcodes.POP2);
    } else if (type.getSize() == 1) {
      mv.visitInsn(Opcodes.POP);
    }
  }

  private void frame(Object... stack) {
    if (writesFrames) {
      mv.visitFrame(Opcodes.F_NEW, initialLocals.length, initialLocals, stack.length, stack);
    }
  }
}
