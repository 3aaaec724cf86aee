package io.bulwark.instrumentation;

import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Advice for a few types named exactly. Exact names keep start-up cheap: the agent recognises its
 * targets by a hash lookup on the class name, without parsing any class or walking any hierarchy,
 * and Byte Buddy only ever sees the handful of classes that match.
 */
public interface TypeInstrumentation {

  /** Binary names of the instrumented types, e.g. {@code org.apache.catalina.core.ApplicationFilterChain}. */
  List<String> typeNames();

  /** The advice, with its method matcher, woven into each of those types. */
  AsmVisitorWrapper advice();

  /**
   * Whether the advice is built at start-up, on a background thread, before any of the types loads
   * (the servlet entry points, which every server has). Others are built when one of their types
   * first loads, so an application without JAX-RS or Spring MVC never pays for their advice.
   */
  default boolean buildsAtStartUp() {
    return false;
  }
}
