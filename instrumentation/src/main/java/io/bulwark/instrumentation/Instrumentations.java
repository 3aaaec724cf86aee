package io.bulwark.instrumentation;

import io.bulwark.instrumentation.jaxrs.JaxRsInstrumentationModule;
import io.bulwark.instrumentation.servlet.ServletInstrumentationModule;
import io.bulwark.instrumentation.spring.SpringMvcInstrumentationModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Every type instrumentation Bulwark installs: at start-up for classes still to load, and, when the
 * agent is attached to a running JVM, for the already-loaded ones it retransforms. A new target
 * (sinks, other frameworks) is one more entry here.
 */
public final class Instrumentations {

  private Instrumentations() {}

  public static List<TypeInstrumentation> all() {
    List<TypeInstrumentation> all = new ArrayList<>();
    all.add(ServletInstrumentationModule.forNamespace("javax.servlet"));
    all.add(ServletInstrumentationModule.forNamespace("jakarta.servlet"));
    all.addAll(JaxRsInstrumentationModule.all());
    all.add(new SpringMvcInstrumentationModule());
    all.addAll(io.bulwark.instrumentation.sink.SinkInstrumentationModule.all());
    return all;
  }
}
