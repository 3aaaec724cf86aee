package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.AdviceClasses;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Servlet entry points. A request enters the application through its container's filter chain
 * (which calls the first application filter) or, with no filters, through {@code
 * HttpServlet.service}; advising those few classes catches every request before any application
 * filter or servlet runs. One implementation for javax.servlet and jakarta.servlet: the namespace
 * is the only parameter, bound into the advice as a constant.
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

  public static TypeInstrumentation forNamespace(String namespace) {
    return new EntryPoints(namespace);
  }

  /**
   * {@code HttpServlet.service(ServletRequest, ServletResponse)} and the containers' {@code
   * doFilter(ServletRequest, ServletResponse)}.
   */
  static final class EntryPoints implements TypeInstrumentation {

    private final String namespace;
    private final List<String> typeNames;

    EntryPoints(String namespace) {
      this.namespace = namespace;
      List<String> names = new java.util.ArrayList<>(CONTAINER_FILTER_CHAINS);
      names.add(namespace + ".http.HttpServlet");
      this.typeNames = List.copyOf(names);
    }

    @Override
    public List<String> typeNames() {
      return typeNames;
    }

    @Override
    public AsmVisitorWrapper advice() {
      return AdviceClasses.to(Advice.withCustomMapping()
          .bind(ServletAdvice.Namespace.class, namespace), ServletAdvice.class)
          .on(named("service").or(named("doFilter"))
              .and(takesArguments(2))
              .and(takesArgument(0, named(namespace + ".ServletRequest")))
              .and(takesArgument(1, named(namespace + ".ServletResponse")))
              .and(not(isAbstract())));
    }

    @Override
    public boolean buildsAtStartUp() {
      return true;
    }

    @Override
    public String toString() {
      return namespace + " entry points " + typeNames;
    }
  }
}
