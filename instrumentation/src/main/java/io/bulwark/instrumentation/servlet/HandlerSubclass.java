package io.bulwark.instrumentation.servlet;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates a public subclass of a class of the servlet API whose chosen methods are answered by an
 * {@link InvocationHandler} held in a public field: {@code return handler.invoke(this, method,
 * args)}, with the overridden method as {@code method} and the arguments boxed. The constructors are
 * the super class's public and protected ones, passed through. What a dynamic proxy does for an
 * interface, for a class (what Byte Buddy's {@code InvocationHandlerAdapter.toField} did here before).
 *
 * <p>The class is defined in a class loader of its own whose parent is the super class's loader: it
 * sees that API and the JDK, nothing of the agent, and nothing is injected into the application's
 * loaders.
 */
final class HandlerSubclass {

  /** The public field holding the handler. */
  static final String HANDLER = "bulwark$handler";
  /** The methods the handler is given, by index: set once, right after the class is defined. */
  private static final String METHODS = "bulwark$methods";

  private static final String OBJECT = "java/lang/Object";
  private static final String HANDLER_TYPE = Type.getInternalName(InvocationHandler.class);
  private static final String METHOD_ARRAY = Type.getDescriptor(Method[].class);
  private static final String INVOKE =
      "(Ljava/lang/Object;Ljava/lang/reflect/Method;[Ljava/lang/Object;)Ljava/lang/Object;";

  private HandlerSubclass() {}

  /**
   * Defines {@code name}, a subclass of {@code superclass} whose methods named in {@code names}
   * (every overload the subclass can override) call the handler in its {@link #HANDLER} field.
   */
  static Class<?> define(Class<?> superclass, String name, Set<String> names) {
    List<Method> methods = overridable(superclass, names);
    byte[] classfile = write(superclass, name.replace('.', '/'), methods);
    Class<?> defined = new DefiningLoader(superclass.getClassLoader()).define(name, classfile);
    try {
      defined.getField(METHODS).set(null, methods.toArray(new Method[0]));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot prepare " + name, e);
    }
    return defined;
  }

  /** Public or protected, neither static nor final, one per signature (the most specific). */
  private static List<Method> overridable(Class<?> type, Set<String> names) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        if (!names.contains(method.getName()) || method.isBridge() || method.isSynthetic()
            || Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)
            || !Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers)) {
          continue;
        }
        String signature = method.getName() + Type.getMethodDescriptor(method).replaceFirst("\\).*", ")");
        // The first found is the lowest in the hierarchy: a final one there ends the search for it.
        bySignature.putIfAbsent(signature, method);
      }
    }
    List<Method> methods = new ArrayList<>();
    for (Method method : bySignature.values()) {
      if (!Modifier.isFinal(method.getModifiers())) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static byte[] write(Class<?> superclass, String internalName, List<Method> methods) {
    String superName = Type.getInternalName(superclass);
    // Straight-line code only (no branch), so no stack map frames are needed: ASM counts the maxima.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, superName, null);
    writer.visitField(Opcodes.ACC_PUBLIC, HANDLER, Type.getDescriptor(InvocationHandler.class), null, null).visitEnd();
    writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHODS, METHOD_ARRAY, null, null).visitEnd();
    for (Constructor<?> constructor : superclass.getDeclaredConstructors()) {
      int modifiers = constructor.getModifiers();
      if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
        passThrough(writer, superName, constructor);
      }
    }
    for (int i = 0; i < methods.size(); i++) {
      delegate(writer, internalName, methods.get(i), i);
    }
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static void passThrough(ClassWriter writer, String superName, Constructor<?> constructor) {
    String descriptor = Type.getConstructorDescriptor(constructor);
    MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", descriptor, null, null);
    code.visitCode();
    code.visitVarInsn(Opcodes.ALOAD, 0);
    int slot = 1;
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      code.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    code.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", descriptor, false);
    code.visitInsn(Opcodes.RETURN);
    code.visitMaxs(0, 0);
    code.visitEnd();
  }

  /** {@code return (R) this.handler.invoke(this, METHODS[index], new Object[] {args...});} */
  private static void delegate(ClassWriter writer, String internalName, Method method, int index) {
    String descriptor = Type.getMethodDescriptor(method);
    String[] exceptions = new String[method.getExceptionTypes().length];
    for (int i = 0; i < exceptions.length; i++) {
      exceptions[i] = Type.getInternalName(method.getExceptionTypes()[i]);
    }
    MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC, method.getName(), descriptor, null, exceptions);
    code.visitCode();
    code.visitVarInsn(Opcodes.ALOAD, 0);
    code.visitFieldInsn(Opcodes.GETFIELD, internalName, HANDLER, Type.getDescriptor(InvocationHandler.class));
    code.visitVarInsn(Opcodes.ALOAD, 0);
    code.visitFieldInsn(Opcodes.GETSTATIC, internalName, METHODS, METHOD_ARRAY);
    code.visitLdcInsn(index);
    code.visitInsn(Opcodes.AALOAD);
    Type[] arguments = Type.getArgumentTypes(descriptor);
    code.visitLdcInsn(arguments.length);
    code.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
    int slot = 1;
    for (int i = 0; i < arguments.length; i++) {
      code.visitInsn(Opcodes.DUP);
      code.visitLdcInsn(i);
      code.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
      box(code, arguments[i]);
      code.visitInsn(Opcodes.AASTORE);
      slot += arguments[i].getSize();
    }
    code.visitMethodInsn(Opcodes.INVOKEINTERFACE, HANDLER_TYPE, "invoke", INVOKE, true);
    unboxAndReturn(code, Type.getReturnType(descriptor));
    code.visitMaxs(0, 0);
    code.visitEnd();
  }

  private static void box(MethodVisitor code, Type type) {
    Type boxed = boxed(type);
    if (boxed != null) {
      code.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
          Type.getMethodDescriptor(boxed, type), false);
    }
  }

  private static void unboxAndReturn(MethodVisitor code, Type type) {
    if (type.getSort() == Type.VOID) {
      code.visitInsn(Opcodes.POP);
      code.visitInsn(Opcodes.RETURN);
      return;
    }
    Type boxed = boxed(type);
    if (boxed == null) {
      code.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
    } else {
      // A primitive answer arrives boxed, as from a dynamic proxy's handler.
      code.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
      code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
          Type.getMethodDescriptor(type), false);
    }
    code.visitInsn(type.getOpcode(Opcodes.IRETURN));
  }

  /** The wrapper type of a primitive, {@code null} for references. */
  private static Type boxed(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN: return Type.getType(Boolean.class);
      case Type.BYTE: return Type.getType(Byte.class);
      case Type.CHAR: return Type.getType(Character.class);
      case Type.SHORT: return Type.getType(Short.class);
      case Type.INT: return Type.getType(Integer.class);
      case Type.LONG: return Type.getType(Long.class);
      case Type.FLOAT: return Type.getType(Float.class);
      case Type.DOUBLE: return Type.getType(Double.class);
      default: return null;
    }
  }

  /** One generated class per loader, the child of the API's loader. */
  private static final class DefiningLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    DefiningLoader(ClassLoader parent) {
      super(parent);
    }

    Class<?> define(String name, byte[] classfile) {
      return defineClass(name, classfile, 0, classfile.length);
    }
  }
}
