package io.bulwark.instrumentation.weave;

import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Which methods of an instrumented class get an advice: a test on what the class file says of each
 * method (access flags, name, descriptor), so matching reads nothing but the class being woven.
 * Type names are binary names ({@code java.lang.String}, {@code java.lang.String[]}, {@code int}).
 *
 * <p>Plain data rather than composed predicates: the instrumentations are declared on the premain
 * thread, where every lambda would be a class spun before the application may start.
 */
public final class MethodMatcher {

  /** Either of these, before this matcher's own conditions (for {@link #or}); or {@code null}. */
  private final MethodMatcher[] either;
  private final List<String> names;
  private final int argumentCount;
  private final String[] argumentTypes;
  private final int[] argumentIndexes;
  private final String[] argumentIndexTypes;
  private final String returnType;
  private final int requiredAccess;
  private final int forbiddenAccess;

  private MethodMatcher(MethodMatcher[] either, List<String> names, int argumentCount, String[] argumentTypes,
      int[] argumentIndexes, String[] argumentIndexTypes, String returnType, int requiredAccess, int forbiddenAccess) {
    this.either = either;
    this.names = names;
    this.argumentCount = argumentCount;
    this.argumentTypes = argumentTypes;
    this.argumentIndexes = argumentIndexes;
    this.argumentIndexTypes = argumentIndexTypes;
    this.returnType = returnType;
    this.requiredAccess = requiredAccess;
    this.forbiddenAccess = forbiddenAccess;
  }

  private static MethodMatcher names(List<String> names) {
    return new MethodMatcher(null, names, -1, null, new int[0], new String[0], null, 0, 0);
  }

  /** Methods with one of these names (not constructors). */
  public static MethodMatcher named(String... names) {
    return names(List.of(names));
  }

  /** The constructors. */
  public static MethodMatcher constructor() {
    return names(List.of("<init>"));
  }

  public MethodMatcher takesArguments(int count) {
    return new MethodMatcher(either, names, count, argumentTypes, argumentIndexes, argumentIndexTypes, returnType,
        requiredAccess, forbiddenAccess);
  }

  /** Exactly these argument types, in order. */
  public MethodMatcher takesArguments(String... typeNames) {
    return new MethodMatcher(either, names, typeNames.length, typeNames.clone(), argumentIndexes, argumentIndexTypes,
        returnType, requiredAccess, forbiddenAccess);
  }

  public MethodMatcher takesArgument(int index, String typeName) {
    int[] indexes = Arrays.copyOf(argumentIndexes, argumentIndexes.length + 1);
    String[] types = Arrays.copyOf(argumentIndexTypes, argumentIndexTypes.length + 1);
    indexes[indexes.length - 1] = index;
    types[types.length - 1] = typeName;
    return new MethodMatcher(either, names, argumentCount, argumentTypes, indexes, types, returnType,
        requiredAccess, forbiddenAccess);
  }

  public MethodMatcher returns(String typeName) {
    return new MethodMatcher(either, names, argumentCount, argumentTypes, argumentIndexes, argumentIndexTypes,
        typeName, requiredAccess, forbiddenAccess);
  }

  public MethodMatcher isStatic() {
    return access(Opcodes.ACC_STATIC, 0);
  }

  public MethodMatcher isPublic() {
    return access(Opcodes.ACC_PUBLIC, 0);
  }

  /** Not a compiler-generated bridge method (which only calls the real one). */
  public MethodMatcher notBridge() {
    return access(0, Opcodes.ACC_BRIDGE);
  }

  private MethodMatcher access(int required, int forbidden) {
    return new MethodMatcher(either, names, argumentCount, argumentTypes, argumentIndexes, argumentIndexTypes,
        returnType, requiredAccess | required, forbiddenAccess | forbidden);
  }

  /** Either this or {@code other}; conditions added afterwards apply to both. */
  public MethodMatcher or(MethodMatcher other) {
    return new MethodMatcher(new MethodMatcher[] {this, other}, null, -1, null, new int[0], new String[0], null, 0, 0);
  }

  /** Whether the method with these access flags, name and descriptor is matched; abstract and native ones never are. */
  public boolean matches(int access, String name, String descriptor) {
    return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0 && test(access, name, descriptor);
  }

  private boolean test(int access, String name, String descriptor) {
    if (either != null && !either[0].test(access, name, descriptor) && !either[1].test(access, name, descriptor)) {
      return false;
    }
    if ((names != null && !names.contains(name)) || (access & requiredAccess) != requiredAccess
        || (access & forbiddenAccess) != 0) {
      return false;
    }
    if (argumentCount < 0 && argumentIndexes.length == 0 && returnType == null) {
      return true;
    }
    Type[] arguments = Type.getArgumentTypes(descriptor);
    if (argumentCount >= 0 && arguments.length != argumentCount) {
      return false;
    }
    if (argumentTypes != null) {
      for (int i = 0; i < arguments.length; i++) {
        if (!arguments[i].getClassName().equals(argumentTypes[i])) {
          return false;
        }
      }
    }
    for (int i = 0; i < argumentIndexes.length; i++) {
      int index = argumentIndexes[i];
      if (index >= arguments.length || !arguments[index].getClassName().equals(argumentIndexTypes[i])) {
        return false;
      }
    }
    return returnType == null || Type.getReturnType(descriptor).getClassName().equals(returnType);
  }

  @Override
  public String toString() {
    StringBuilder description = new StringBuilder();
    if (either != null) {
      description.append('(').append(either[0]).append(") or (").append(either[1]).append(')');
    }
    if (names != null) {
      description.append("named ").append(names);
    }
    if (argumentTypes != null) {
      description.append(", arguments ").append(Arrays.toString(argumentTypes));
    } else if (argumentCount >= 0) {
      description.append(", ").append(argumentCount).append(" arguments");
    }
    for (int i = 0; i < argumentIndexes.length; i++) {
      description.append(", argument ").append(argumentIndexes[i]).append(' ').append(argumentIndexTypes[i]);
    }
    if (returnType != null) {
      description.append(", returns ").append(returnType);
    }
    return description.toString();
  }
}
