package io.bulwark.instrumentation.weave;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which methods of an instrumented class get an advice: a test on what the class file says of each
 * method (access flags, name, descriptor), so matching reads nothing but the class being woven.
 * Type names are binary names ({@code java.lang.String}, {@code java.lang.String[]}, {@code int}).
 */
public final class MethodMatcher {

  private final Predicate<Candidate> test;
  private final String description;

  private MethodMatcher(Predicate<Candidate> test, String description) {
    this.test = test;
    this.description = description;
  }

  /** Methods with one of these names (not constructors). */
  public static MethodMatcher named(String... names) {
    List<String> accepted = List.of(names);
    return new MethodMatcher(m -> accepted.contains(m.name), "named " + accepted);
  }

  /** The constructors. */
  public static MethodMatcher constructor() {
    return new MethodMatcher(m -> m.name.equals("<init>"), "constructor");
  }

  public MethodMatcher takesArguments(int count) {
    return and(m -> m.arguments.length == count, count + " arguments");
  }

  /** Exactly these argument types, in order. */
  public MethodMatcher takesArguments(String... typeNames) {
    return and(m -> Arrays.equals(m.argumentNames(), typeNames), "arguments " + Arrays.toString(typeNames));
  }

  public MethodMatcher takesArgument(int index, String typeName) {
    return and(m -> index < m.arguments.length && m.argumentNames()[index].equals(typeName),
        "argument " + index + " " + typeName);
  }

  public MethodMatcher returns(String typeName) {
    return and(m -> m.returnType.getClassName().equals(typeName), "returns " + typeName);
  }

  public MethodMatcher isStatic() {
    return and(m -> (m.access & Opcodes.ACC_STATIC) != 0, "static");
  }

  public MethodMatcher isPublic() {
    return and(m -> (m.access & Opcodes.ACC_PUBLIC) != 0, "public");
  }

  /** Not a compiler-generated bridge method (which only calls the real one). */
  public MethodMatcher notBridge() {
    return and(m -> (m.access & Opcodes.ACC_BRIDGE) == 0, "not bridge");
  }

  /** Either this or {@code other}. */
  public MethodMatcher or(MethodMatcher other) {
    return new MethodMatcher(test.or(other.test), "(" + description + ") or (" + other.description + ")");
  }

  private MethodMatcher and(Predicate<Candidate> more, String what) {
    return new MethodMatcher(test.and(more), description + ", " + what);
  }

  /** Whether the method with these access flags, name and descriptor is matched; abstract and native ones never are. */
  public boolean matches(int access, String name, String descriptor) {
    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      return false;
    }
    return test.test(new Candidate(access, name, descriptor));
  }

  @Override
  public String toString() {
    return description;
  }

  private static final class Candidate {
    final int access;
    final String name;
    final Type[] arguments;
    final Type returnType;
    private String[] argumentNames;

    Candidate(int access, String name, String descriptor) {
      this.access = access;
      this.name = name;
      this.arguments = Type.getArgumentTypes(descriptor);
      this.returnType = Type.getReturnType(descriptor);
    }

    String[] argumentNames() {
      if (argumentNames == null) {
        argumentNames = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
          argumentNames[i] = arguments[i].getClassName();
        }
      }
      return argumentNames;
    }
  }
}
