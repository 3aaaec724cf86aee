package io.bulwark.instrumentation;

import io.bulwark.instrumentation.weave.MethodAdvice;
import java.util.List;

/**
 * Advice for a few types named exactly. Exact names keep start-up cheap: the agent recognises its
 * targets by a hash lookup on the class name, without parsing any class or walking any hierarchy,
 * and only the handful of classes that match are woven.
 */
public interface TypeInstrumentation {

  /** Binary names of the instrumented types, e.g. {@code org.apache.catalina.core.ApplicationFilterChain}. */
  List<String> typeNames();

  /** The advice woven into each of those types, each with the methods it applies to. */
  List<MethodAdvice> advice();
}
