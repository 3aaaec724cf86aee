package io.bulwark.instrumentation;

import io.bulwark.instrumentation.servlet.ServletInstrumentationModule;
import java.util.ArrayList;
import java.util.List;

/** Every type instrumentation Bulwark installs. */
public final class Instrumentations {

  private Instrumentations() {}

  public static List<TypeInstrumentation> all() {
    List<TypeInstrumentation> all = new ArrayList<>();
    all.add(ServletInstrumentationModule.forNamespace("javax.servlet"));
    all.add(ServletInstrumentationModule.forNamespace("jakarta.servlet"));
    return all;
  }
}
