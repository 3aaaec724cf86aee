package io.bulwark.instrumentation.weave;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import net.bytebuddy.jar.asm.Type;

/**
 * A call from woven code to a public static method of the bootstrap bridge ({@code
 * io.bulwark.bridge}), the only Bulwark classes an application's class loader can see.
 */
public final class Hook {

  final String owner;
  final String name;
  final String descriptor;
  final Type[] parameters;
  final Type returnType;
  final List<Value> values;

  private Hook(Method method, List<Value> values) {
    this.owner = Type.getInternalName(method.getDeclaringClass());
    this.name = method.getName();
    this.descriptor = Type.getMethodDescriptor(method);
    this.parameters = Type.getArgumentTypes(method);
    this.returnType = Type.getReturnType(method);
    this.values = List.copyOf(values);
  }

  /** The public static method {@code name} of {@code bridge} that takes as many arguments as {@code values}. */
  public static Hook of(Class<?> bridge, String name, Value... values) {
    Method found = null;
    for (Method method : bridge.getMethods()) {
      if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == values.length) {
        if (found != null) {
          throw new IllegalArgumentException(bridge.getName() + "." + name + " is ambiguous with "
              + values.length + " arguments");
        }
        found = method;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no public static " + bridge.getName() + "." + name + " with "
          + values.length + " arguments");
    }
    for (Class<?> parameter : found.getParameterTypes()) {
      if (parameter.isPrimitive()) {
        throw new IllegalArgumentException(found + ": woven code passes references only");
      }
    }
    return new Hook(found, List.of(values));
  }

  @Override
  public String toString() {
    return owner.replace('/', '.') + "." + name + descriptor;
  }
}
