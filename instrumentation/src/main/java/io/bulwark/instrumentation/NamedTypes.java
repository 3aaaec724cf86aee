package io.bulwark.instrumentation.sink;

import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;
import java.util.function.Supplier;
import net.bytebuddy.asm.AsmVisitorWrapper;

/** One sink: the exact types it advises and its advice (built when one of them is first woven). */
final class SinkInstrumentation implements TypeInstrumentation {

  private final String description;
  private final List<String> typeNames;
  private final Supplier<AsmVisitorWrapper> advice;

  SinkInstrumentation(String description, List<String> typeNames, Supplier<AsmVisitorWrapper> advice) {
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
