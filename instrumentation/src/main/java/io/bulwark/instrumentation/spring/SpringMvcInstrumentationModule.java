package io.bulwark.instrumentation.spring;

import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.self;

import io.bulwark.bridge.DispatchHooks;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.weave.Hook;
import io.bulwark.instrumentation.weave.MethodAdvice;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodMatcher;
import java.util.List;

/**
 * Spring MVC 5 (javax) and 6 (jakarta): the handler chain, once the handler and its pattern are
 * known. {@code applyPreHandle} returns false (the handler is skipped) when Bulwark answered.
 */
public final class SpringMvcInstrumentationModule implements TypeInstrumentation {

  private static final List<String> TYPES = List.of("org.springframework.web.servlet.HandlerExecutionChain");
  private static final List<MethodAdvice> ADVICE = List.of(
      MethodAdvice.on(MethodMatcher.named("applyPreHandle").takesArguments(2))
          .enter(Hook.of(DispatchHooks.class, "dispatch", constant("spring-mvc"), self(), argument(0)),
              OnEnter.SKIP_IF_NOT_NULL)
          .build());

  @Override
  public List<String> typeNames() {
    return TYPES;
  }

  @Override
  public List<MethodAdvice> advice() {
    return ADVICE;
  }

  @Override
  public String toString() {
    return "Spring MVC " + TYPES;
  }
}
