package io.bulwark.instrumentation.servlet;

import static io.bulwark.instrumentation.weave.Value.argument;
import static io.bulwark.instrumentation.weave.Value.constant;
import static io.bulwark.instrumentation.weave.Value.self;
import static io.bulwark.instrumentation.weave.Value.thrown;

import io.bulwark.bridge.ServletHooks;
import io.bulwark.instrumentation.NamedTypes;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.weave.Hook;
import io.bulwark.instrumentation.weave.MethodAdvice;
import io.bulwark.instrumentation.weave.MethodAdvice.OnEnter;
import io.bulwark.instrumentation.weave.MethodAdvice.OnThrow;
import io.bulwark.instrumentation.weave.MethodMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Servlet entry points. A request enters the application through its container's filter chain
 * (which calls the first application filter) or, with no filters, through {@code
 * HttpServlet.service}; advising those few classes catches every request before any application
 * filter or servlet runs. One implementation for javax.servlet and jakarta.servlet: the namespace
 * is the only parameter, a constant in the woven code.
 *
 * <p>Woven: {@code if (ServletHooks.enter(ns, this, request, response)) skip the body; request =
 * ServletHooks.request(request)}; before each return {@code ServletHooks.exitReturned(request,
 * response)}; when the body throws, {@code ServletHooks.exitThrown(thrown, request, response)},
 * which throws on unless the error was a block Bulwark already answered.
 */
public final class ServletInstrumentationModule {

  /**
   * The filter-chain classes containers start a request with; their {@code doFilter(request,
   * response)} runs before the first application filter. Each name is matched in both namespaces;
   * the method signature decides which applies.
   */
  static final List<String> CONTAINER_FILTER_CHAINS = List.of(
      // Tomcat 9, 10.1, 11 (also embedded in Spring Boot, TomEE)
      "org.apache.catalina.core.ApplicationFilterChain",
      // Jetty 12 (ee10, ee9, ee8)
      "org.eclipse.jetty.ee10.servlet.ServletHandler$Chain",
      "org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd",
      "org.eclipse.jetty.ee9.servlet.ServletHandler$Chain",
      "org.eclipse.jetty.ee9.servlet.ServletHandler$ChainEnd",
      "org.eclipse.jetty.ee8.servlet.ServletHandler$Chain",
      "org.eclipse.jetty.ee8.servlet.ServletHandler$ChainEnd",
      // Jetty 9.4, 10, 11
      "org.eclipse.jetty.servlet.ServletHandler$Chain",
      "org.eclipse.jetty.servlet.ServletHandler$CachedChain",
      "org.eclipse.jetty.servlet.ServletHandler$ChainEnd",
      // Undertow (also WildFly)
      "io.undertow.servlet.handlers.FilterHandler$FilterChainImpl");

  private ServletInstrumentationModule() {}

  /**
   * {@code HttpServlet.service(ServletRequest, ServletResponse)} and the containers' {@code
   * doFilter(ServletRequest, ServletResponse)} of one namespace ({@code javax.servlet} or {@code
   * jakarta.servlet}).
   */
  public static TypeInstrumentation forNamespace(String namespace) {
    MethodAdvice advice = MethodAdvice.on(MethodMatcher.named("service", "doFilter")
            .takesArguments(namespace + ".ServletRequest", namespace + ".ServletResponse"))
        .enter(Hook.of(ServletHooks.class, "enter", constant(namespace), self(), argument(0), argument(1)),
            OnEnter.SKIP_IF_TRUE)
        .replaceArgument(0, Hook.of(ServletHooks.class, "request", argument(0)))
        .onReturn(Hook.of(ServletHooks.class, "exitReturned", argument(0), argument(1)))
        .onThrow(Hook.of(ServletHooks.class, "exitThrown", thrown(), argument(0), argument(1)),
            OnThrow.RETURN_HOOK_RESULT)
        .build();
    List<String> names = new ArrayList<>(CONTAINER_FILTER_CHAINS);
    names.add(namespace + ".http.HttpServlet");
    return new NamedTypes(namespace + " entry points", names, advice);
  }
}
