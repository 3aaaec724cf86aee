package io.bulwark.instrumentation.jaxrs;

import static io.bulwark.instrumentation.weave.MethodMatcher.named;
import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.self;
import static io.bulwark.instrumentation.weave.Value.thrown;

import io.bulwark.bridge.DispatchHooks;
import io.bulwark.instrumentation.NamedTypes;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.weave.Hook;
import io.bulwark.instrumentation.weave.MethodAdvice;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import io.bulwark.instrumentation.weave.MethodMatcher;
import java.util.List;

/**
 * JAX-RS resource dispatch: the one method of each framework that runs after the resource method
 * is matched and before it is invoked. The class names are the same in the javax and jakarta
 * releases of each framework (Jersey 2/3, RESTEasy 3-6, CXF 3/4); the adapters find the namespace
 * at run time ({@link JaxRsApi}).
 */
public final class JaxRsInstrumentationModule {

  private JaxRsInstrumentationModule() {}

  public static List<TypeInstrumentation> all() {
    return List.of(
        dispatch("jersey", "org.glassfish.jersey.server.model.ResourceMethodInvoker",
            named("apply")
                .takesArguments("org.glassfish.jersey.server.internal.process.RequestProcessingContext")
                .returns("org.glassfish.jersey.server.ContainerResponse")),
        dispatch("resteasy", "org.jboss.resteasy.core.ResourceMethodInvoker",
            named("invoke").takesArguments(2).or(named("invoke").takesArguments(3))
                .takesArgument(0, "org.jboss.resteasy.spi.HttpRequest")
                .returns("org.jboss.resteasy.specimpl.BuiltResponse").notBridge()),
        dispatch("cxf", "org.apache.cxf.jaxrs.JAXRSInvoker",
            named("invoke").takesArguments(2).takesArgument(0, "org.apache.cxf.message.Exchange")),
        // Grizzly's Jersey container: the native request stays on the thread while Jersey routes it,
        // for what JAX-RS does not expose (the peer's address).
        new NamedTypes("JAX-RS", List.of("org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer"),
            MethodAdvice.on(named("service").takesArguments(2)
                    .takesArgument(0, "org.glassfish.grizzly.http.server.Request"))
                .enter(Hook.of(DispatchHooks.class, "connectionOpened", argument(0), argument(1)), OnEnter.CONTINUE)
                .onReturn(Hook.of(DispatchHooks.class, "connectionClosed"))
                .onThrow(Hook.of(DispatchHooks.class, "connectionClosed"), OnThrow.RETHROW)
                .build()));
  }

  /**
   * {@code answer = DispatchHooks.dispatch(framework, this, context)}: non-null is returned instead
   * of running the resource method; when the method throws, {@code DispatchHooks.answerForThrown}
   * returns the answer to a sink's block (Jersey on Grizzly) or throws on.
   */
  private static TypeInstrumentation dispatch(String framework, String type, MethodMatcher method) {
    return new NamedTypes("JAX-RS", List.of(type), MethodAdvice.on(method)
        .enter(Hook.of(DispatchHooks.class, "dispatch", constant(framework), self(), argument(0)),
            OnEnter.SKIP_IF_NOT_NULL)
        .onThrow(Hook.of(DispatchHooks.class, "answerForThrown", thrown(), constant(framework), self(), argument(0)),
            OnThrow.RETURN_HOOK_RESULT)
        .build());
  }
}
