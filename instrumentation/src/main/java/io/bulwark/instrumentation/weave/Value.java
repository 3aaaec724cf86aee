package io.bulwark.instrumentation.weave;

/** What the woven code hands a hook as one of its arguments. */
public abstract class Value {

  private Value() {}

  /** A string constant (the namespace, the sink's name). */
  public static Value constant(String constant) {
    return new Constant(constant);
  }

  /** The instrumented object ({@code this}); not in constructors. */
  public static Value self() {
    return Self.INSTANCE;
  }

  /** The method's argument at {@code index}, a reference. */
  public static Value argument(int index) {
    return new Argument(index);
  }

  /** The instrumented method's name. */
  public static Value methodName() {
    return MethodName.INSTANCE;
  }

  /** What the method threw; only for the hook called when it throws. */
  public static Value thrown() {
    return Thrown.INSTANCE;
  }

  static final class Constant extends Value {
    final String value;

    Constant(String value) {
      this.value = value;
    }
  }

  static final class Self extends Value {
    static final Self INSTANCE = new Self();
  }

  static final class Argument extends Value {
    final int index;

    Argument(int index) {
      this.index = index;
    }
  }

  static final class MethodName extends Value {
    static final MethodName INSTANCE = new MethodName();
  }

  static final class Thrown extends Value {
    static final Thrown INSTANCE = new Thrown();
  }
}
