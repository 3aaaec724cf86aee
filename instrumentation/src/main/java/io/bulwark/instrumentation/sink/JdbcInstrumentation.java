package io.bulwark.instrumentation.sink;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.bulwark.bridge.SinkHooks;
import io.bulwark.instrumentation.AdviceClasses;
import io.bulwark.instrumentation.HierarchyInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * SQL as it reaches the driver: {@code Statement.execute*} and {@code addBatch} with SQL text, and
 * {@code Connection.prepareStatement}/{@code prepareCall}, in every class implementing them (each
 * driver's, and each pool's wrapper). A wrapper and the driver it calls check once: only the
 * outermost JDBC call on the thread does (a depth count in {@link SinkHooks}).
 */
final class JdbcInstrumentation implements HierarchyInstrumentation {

  private final String description;
  private final List<String> superTypes;
  private final java.util.function.Supplier<AsmVisitorWrapper> advice;

  private JdbcInstrumentation(String description, List<String> superTypes,
      java.util.function.Supplier<AsmVisitorWrapper> advice) {
    this.description = description;
    this.superTypes = superTypes;
    this.advice = advice;
  }

  static HierarchyInstrumentation statements() {
    return new JdbcInstrumentation("jdbc statements", List.of("java.sql.Statement"),
        () -> AdviceClasses.to(StatementAdvice.class)
            .on(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch")
                .and(takesArgument(0, String.class)).and(not(isAbstract()))));
  }

  static HierarchyInstrumentation connections() {
    return new JdbcInstrumentation("jdbc connections", List.of("java.sql.Connection"),
        () -> AdviceClasses.to(ConnectionAdvice.class)
            .on(namedOneOf("prepareStatement", "prepareCall")
                .and(takesArgument(0, String.class)).and(not(isAbstract()))));
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
  public AsmVisitorWrapper advice() {
    return advice.get();
  }

  @Override
  public String toString() {
    return description;
  }

  static final class StatementAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.This Object self, @Advice.Argument(0) String sql) {
      SinkHooks.sqlEnter("java.sql.Statement", method, self, sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
      SinkHooks.sqlExit();
    }
  }

  static final class ConnectionAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.This Object self, @Advice.Argument(0) String sql) {
      SinkHooks.sqlEnter("java.sql.Connection", method, self, sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
      SinkHooks.sqlExit();
    }
  }
}
