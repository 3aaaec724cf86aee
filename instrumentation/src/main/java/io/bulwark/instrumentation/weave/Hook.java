package io.bulwark.instrumentation.weave;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * A call from woven code to a public static method of the bootstrap bridge ({@code
 * io.bulwark.bridge}), the only Bulwark classes an application's class loader can see. The method
 * is looked up when the hook is first woven, on the weaver's thread rather than at premain.
 */
public final class Hook {

  private final Class<?> bridge;
  private final String name;
  final List<Value> values;
  private volatile Resolved resolved;

  private Hook(Class<?> bridge, String name, List<Value> values) {
    this.bridge = bridge;
    this.name = name;
    this.values = values;
  }

  /** The public static method {@code name} of {@code bridge} that takes as many arguments as {@code values}. */
  public static Hook of(Class<?> bridge, String name, Value... values) {
    return new Hook(bridge, name, List.of(values));
  }

  /**
   * The bridge method, its descriptor and types.
   *
   * @throws IllegalArgumentException when there is no such method, more than one, or it takes a
   *     primitive (woven code passes references only)
   */
  Resolved resolved() {
    Resolved method = resolved;
    if (method == null) {
      method = new Resolved(find());
      resolved = method;
    }
    return method;
  }

  private Method find() {
    Method found = null;
    for (Method method : bridge.getMethods()) {
      if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == values.size()) {
        if (found != null) {
          throw new IllegalArgumentException(this + " is ambiguous");
        }
        found = method;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no public static method " + this);
    }
    for (Class<?> parameter : found.getParameterTypes()) {
      if (parameter.isPrimitive()) {
        throw new IllegalArgumentException(found + ": woven code passes references only");
      }
    }
    return found;
  }

  static final class Resolved {
    final String owner;
    final String name;
    final String descriptor;
    final Type[] parameters;
    final Type returnType;

    Resolved(Method method) {
      this.owner = Type.getInternalName(method.getDeclaringClass());
      this.name = method.getName();
      this.descriptor = Type.getMethodDescriptor(method);
      this.parameters = Type.getArgumentTypes(method);
      this.returnType = Type.getReturnType(method);
    }
  }

  @Override
  public String toString() {
    return bridge.getName() + "." + name + " with " + values.size() + " argument(s)";
  }
}
