package io.bulwark.instrumentation.spring;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.AdviceClasses;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;

/** Spring MVC 5 (javax) and 6 (jakarta): the handler chain, once the handler and its pattern are known. */
public final class SpringMvcInstrumentationModule implements TypeInstrumentation {

  private static final List<String> TYPES = List.of("org.springframework.web.servlet.HandlerExecutionChain");

  @Override
  public List<String> typeNames() {
    return TYPES;
  }

  @Override
  public AsmVisitorWrapper advice() {
    return AdviceClasses.to(SpringMvcAdvice.class).on(named("applyPreHandle").and(takesArguments(2)));
  }

  @Override
  public String toString() {
    return "Spring MVC " + TYPES;
  }
}
