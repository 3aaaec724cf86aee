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
}
