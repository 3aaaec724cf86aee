package io.bulwark.instrumentation.weave;

import java.util.ArrayList;
import java.util.List;

/**
 * What is woven into the methods a {@link MethodMatcher} selects: hook calls on entry, before each
 * return, and when the method throws. Every shape Bulwark needs is a few static calls into the
 * bridge, so the woven code holds no logic of its own: the bridge's methods catch their own
 * failures (the application never sees an agent error) and decide what the method does.
 */
public final class MethodAdvice {

  /** What the woven method does with an entry hook's result. */
  public enum OnEnter {
    /** Nothing: the hook returns void. */
    CONTINUE,
    /**
     * A {@code boolean} hook: true skips the method's body; the return hooks run and the method
     * returns its type's default value.
     */
    SKIP_IF_TRUE,
    /**
     * An {@code Object} hook: non-null skips the method's body, which returns that object (cast to
     * the return type; a method returning {@code boolean} returns false, {@code void} nothing).
     */
    SKIP_IF_NOT_NULL,
    /** An {@code Object} hook: its result replaces the argument (cast to the argument's type). */
    REPLACE_ARGUMENT
  }

  /** What the woven method does after the hook called when its body threw. */
  public enum OnThrow {
    /** Throws what it threw. */
    RETHROW,
    /**
     * Returns what the hook returns (cast to the method's return type; void for a void method). The
     * hook itself throws when the error is to go on.
     */
    RETURN_HOOK_RESULT
  }

  static final class EnterStep {
    final Hook hook;
    final OnEnter outcome;
    final int argument;

    EnterStep(Hook hook, OnEnter outcome, int argument) {
      this.hook = hook;
      this.outcome = outcome;
      this.argument = argument;
    }
  }

  final MethodMatcher methods;
  final List<EnterStep> enter;
  final List<Hook> onReturn;
  final Hook onThrow;
  final OnThrow afterThrow;

  private MethodAdvice(Builder builder) {
    this.methods = builder.methods;
    this.enter = List.copyOf(builder.enter);
    this.onReturn = List.copyOf(builder.onReturn);
    this.onThrow = builder.onThrow;
    this.afterThrow = builder.afterThrow;
  }

  public static Builder on(MethodMatcher methods) {
    return new Builder(methods);
  }

  /**
   * Looks up the bridge methods of every hook now, so weaving a class (on whichever application
   * thread loads it) does no reflection.
   *
   * @throws IllegalArgumentException when a hook names no single bridge method
   */
  public MethodAdvice prepare() {
    for (Hook hook : hooks()) {
      hook.resolved();
    }
    return this;
  }

  /** Every hook the advice calls. */
  List<Hook> hooks() {
    List<Hook> hooks = new ArrayList<>();
    for (EnterStep step : enter) {
      hooks.add(step.hook);
    }
    hooks.addAll(onReturn);
    if (onThrow != null) {
      hooks.add(onThrow);
    }
    return hooks;
  }

  /** Whether anything runs after the body (constructors get entry hooks only). */
  boolean wrapsBody() {
    return !onReturn.isEmpty() || onThrow != null;
  }

  @Override
  public String toString() {
    return "advice on " + methods;
  }

  public static final class Builder {
    private final MethodMatcher methods;
    private final List<EnterStep> enter = new ArrayList<>();
    private final List<Hook> onReturn = new ArrayList<>();
    private Hook onThrow;
    private OnThrow afterThrow;

    private Builder(MethodMatcher methods) {
      this.methods = methods;
    }

    /** Calls {@code hook} on entry, in the order given, and acts on its result. */
    public Builder enter(Hook hook, OnEnter outcome) {
      if (outcome == OnEnter.REPLACE_ARGUMENT) {
        throw new IllegalArgumentException("use replaceArgument(index, hook)");
      }
      enter.add(new EnterStep(hook, outcome, -1));
      return this;
    }

    /** On entry, replaces argument {@code index} with what {@code hook} returns. */
    public Builder replaceArgument(int index, Hook hook) {
      enter.add(new EnterStep(hook, OnEnter.REPLACE_ARGUMENT, index));
      return this;
    }

    /** Calls {@code hook} (void) before every return, and after a skipped body. */
    public Builder onReturn(Hook hook) {
      onReturn.add(hook);
      return this;
    }

    /** Calls {@code hook} when the body throws, then acts as {@code outcome} says. */
    public Builder onThrow(Hook hook, OnThrow outcome) {
      this.onThrow = hook;
      this.afterThrow = outcome;
      return this;
    }

    public MethodAdvice build() {
      return new MethodAdvice(this);
    }
  }
}
