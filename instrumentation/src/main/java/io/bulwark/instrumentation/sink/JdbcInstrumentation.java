package io.bulwark.instrumentation.sink;

import static io.bulwark.instrumentation.weave.MethodMatcher.named;
import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.methodName;
import static io.bulwark.instrumentation.weave.Value.self;

import io.bulwark.bridge.SinkHooks;
import io.bulwark.instrumentation.HierarchyInstrumentation;
import io.bulwark.instrumentation.weave.Hook;
import io.bulwark.instrumentation.weave.MethodAdvice;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import io.bulwark.instrumentation.weave.MethodMatcher;
import java.util.List;

/**
 * SQL as it reaches the driver: {@code Statement.execute*} and {@code addBatch} with SQL text, and
 * {@code Connection.prepareStatement}/{@code prepareCall}, in every class implementing them (each
 * driver's, and each pool's wrapper). A wrapper and the driver it calls check once: only the
 * outermost JDBC call on the thread does (a depth count in {@link SinkHooks}): {@code
 * SinkHooks.sqlEnter(type, method, this, sql)} on entry, {@code SinkHooks.sqlExit()} when the method
 * returns or throws.
 */
final class JdbcInstrumentation implements HierarchyInstrumentation {

  private final String description;
  private final List<String> superTypes;
  private final List<MethodAdvice> advice;

  private JdbcInstrumentation(String description, String superType, MethodMatcher methods) {
    this.description = description;
    this.superTypes = List.of(superType);
    Hook exit = Hook.of(SinkHooks.class, "sqlExit");
    this.advice = List.of(MethodAdvice.on(methods)
        .enter(Hook.of(SinkHooks.class, "sqlEnter", constant(superType), methodName(), self(), argument(0)),
            OnEnter.CONTINUE)
        .onReturn(exit)
        .onThrow(exit, OnThrow.RETHROW)
        .build());
  }

  static HierarchyInstrumentation statements() {
    return new JdbcInstrumentation("jdbc statements", "java.sql.Statement",
        named("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch")
            .takesArgument(0, "java.lang.String"));
  }

  static HierarchyInstrumentation connections() {
    return new JdbcInstrumentation("jdbc connections", "java.sql.Connection",
        named("prepareStatement", "prepareCall").takesArgument(0, "java.lang.String"));
  }

  @Override
  public List<String> superTypeNames() {
    return superTypes;
  }

  @Override
  public String classfileMarker() {
    return "java/sql/";
  }

  @Override
  public List<MethodAdvice> advice() {
    return advice;
  }

  @Override
  public String toString() {
    return description;
  }
}
