package io.bulwark.instrumentation;

import java.util.List;
import java.util.function.Supplier;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * An instrumentation of a few exact types with one advice, built when one of them is first woven
 * (the agent caches it): parsing the advice class is Byte Buddy's work, done only for applications
 * that load one of the types.
 */
public final class NamedTypes implements TypeInstrumentation {

  private final String description;
  private final List<String> typeNames;
  private final Supplier<AsmVisitorWrapper> advice;

  public NamedTypes(String description, List<String> typeNames, Supplier<AsmVisitorWrapper> advice) {
    this.description = description;
    this.typeNames = List.copyOf(typeNames);
    this.advice = advice;
  }

  @Override
  public List<String> typeNames() {
    return typeNames;
  }

  @Override
  public AsmVisitorWrapper advice() {
    return advice.get();
  }

  @Override
  public String toString() {
    return description + " " + typeNames;
  }
}
