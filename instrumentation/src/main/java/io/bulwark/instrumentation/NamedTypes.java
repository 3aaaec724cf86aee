package io.bulwark.instrumentation;

import io.bulwark.instrumentation.weave.MethodAdvice;
import java.util.List;

/** An instrumentation of a few exact types with one advice. */
public final class NamedTypes implements TypeInstrumentation {

  private final String description;
  private final List<String> typeNames;
  private final List<MethodAdvice> advice;

  public NamedTypes(String description, List<String> typeNames, MethodAdvice advice) {
    this.description = description;
    this.typeNames = List.copyOf(typeNames);
    this.advice = List.of(advice);
  }

  @Override
  public List<String> typeNames() {
    return typeNames;
  }

  @Override
  public List<MethodAdvice> advice() {
    return advice;
  }

  @Override
  public String toString() {
    return description + " " + typeNames;
  }
}
