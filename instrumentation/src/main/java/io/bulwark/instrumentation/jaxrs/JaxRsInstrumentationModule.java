package io.bulwark.instrumentation.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.AdviceClasses;
import io.bulwark.instrumentation.NamedTypes;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.routing.DispatchAdvice;
import java.util.List;
import java.util.function.Supplier;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JAX-RS resource dispatch: the one method of each framework that runs after the resource method
 * is matched and before it is invoked. The class names are the same in the javax and jakarta
 * releases of each framework (Jersey 2/3, RESTEasy 3-6, CXF 3/4); the adapters find the namespace
 * at run time ({@link JaxRsApi}).
 */
public final class JaxRsInstrumentationModule {

  private JaxRsInstrumentationModule() {}

  /** The instrumentations; nothing of Byte Buddy is touched until one's advice is asked for. */
  public static List<TypeInstrumentation> all() {
    return List.of(
        dispatch("jersey", "org.glassfish.jersey.server.model.ResourceMethodInvoker",
            () -> named("apply").and(takesArguments(1))
                .and(takesArgument(0, named("org.glassfish.jersey.server.internal.process.RequestProcessingContext")))
                .and(returns(named("org.glassfish.jersey.server.ContainerResponse")))),
        dispatch("resteasy", "org.jboss.resteasy.core.ResourceMethodInvoker",
            () -> named("invoke").and(takesArguments(2).or(takesArguments(3)))
                .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")))
                .and(returns(named("org.jboss.resteasy.specimpl.BuiltResponse"))).and(not(isBridge()))),
        dispatch("cxf", "org.apache.cxf.jaxrs.JAXRSInvoker",
            () -> named("invoke").and(takesArguments(2)).and(takesArgument(0, named("org.apache.cxf.message.Exchange")))),
        new NamedTypes("JAX-RS", List.of("org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer"),
            () -> AdviceClasses.to(ConnectionAdvice.class).on(named("service").and(takesArguments(2))
                .and(takesArgument(0, named("org.glassfish.grizzly.http.server.Request"))))));
  }

  private static TypeInstrumentation dispatch(String framework, String type,
      Supplier<ElementMatcher<? super MethodDescription>> method) {
    return new NamedTypes("JAX-RS", List.of(type), () -> AdviceClasses.to(Advice.withCustomMapping()
        .bind(DispatchAdvice.Framework.class, framework), DispatchAdvice.class)
        .on(method.get()));
  }
}
