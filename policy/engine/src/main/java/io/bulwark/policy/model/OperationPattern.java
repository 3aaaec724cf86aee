package io.bulwark.policy.model;

/**
 * A rule's {@code match.operation} value: {@code Class#method}, where the class is named fully
 * ({@code com.example.Users}) or by its simple name ({@code Users}), and the method by its name or
 * {@code *} for every method of the class. Compared exactly (Java names are case-sensitive).
 */
public final class OperationPattern {

  private final String text;
  private final String className;
  private final boolean simpleName;
  private final String method;

  private OperationPattern(String text, String className, String method) {
    this.text = text;
    this.className = className;
    this.simpleName = className.indexOf('.') < 0;
    this.method = method;
  }

  /**
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static OperationPattern parse(String text) {
    int hash = text == null ? -1 : text.indexOf('#');
    if (hash <= 0 || hash != text.lastIndexOf('#') || hash == text.length() - 1) {
      throw new IllegalArgumentException("expected Class#method, e.g. UsersResource#delete or"
          + " com.example.UsersResource#*, but found '" + text + "'");
    }
    String className = text.substring(0, hash);
    String method = text.substring(hash + 1);
    for (String part : className.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        throw new IllegalArgumentException("expected a Java class name before '#' in '" + text
            + "', e.g. UsersResource or com.example.UsersResource");
      }
    }
    if (!"*".equals(method) && !isIdentifier(method)) {
      throw new IllegalArgumentException("expected a Java method name or * after '#' in '" + text + "'");
    }
    return new OperationPattern(text, className, method);
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isJavaIdentifierPart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the operation ({@code fully.qualified.Class#method}, as views report it) is this one. */
  public boolean matches(String operation) {
    if (operation == null) {
      return false;
    }
    int hash = operation.lastIndexOf('#');
    if (hash <= 0) {
      return false;
    }
    if (!"*".equals(method) && !operation.regionMatches(hash + 1, method, 0, method.length())
        || !"*".equals(method) && operation.length() - hash - 1 != method.length()) {
      return false;
    }
    if (!simpleName) {
      return hash == className.length() && operation.startsWith(className);
    }
    // Simple name: the part after the last '.' or '$' (nested classes) of the declaring class.
    int start = Math.max(operation.lastIndexOf('.', hash), operation.lastIndexOf('$', hash)) + 1;
    return hash - start == className.length() && operation.startsWith(className, start);
  }

  /** Whether every operation {@code other} matches is matched here. */
  boolean covers(OperationPattern other) {
    boolean methods = "*".equals(method) || method.equals(other.method);
    if (!methods) {
      return false;
    }
    if (className.equals(other.className)) {
      return true;
    }
    // A simple name covers the fully-qualified names ending with it.
    return simpleName && !other.simpleName && other.className.endsWith("." + className);
  }

  @Override
  public String toString() {
    return text;
  }
}
