package io.bulwark.instrumentation.servlet;

import java.util.Set;

/**
 * Servlets that hand requests to a routing framework Bulwark instruments (JAX-RS, Spring MVC). A
 * request whose decision waits for the route passes them undecided; any other servlet is the end
 * of the road, so the request is decided before that servlet runs.
 */
final class RoutingServlets {

  private static final Set<String> NAMES = Set.of(
      "org.glassfish.jersey.servlet.ServletContainer",
      "org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher",
      "org.jboss.resteasy.plugins.server.servlet.FilterDispatcher",
      "org.apache.cxf.transport.servlet.AbstractHTTPServlet",
      "org.springframework.web.servlet.FrameworkServlet");

  private static final ClassValue<Boolean> ROUTING = new ClassValue<Boolean>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        if (NAMES.contains(c.getName())) {
          return Boolean.TRUE;
        }
      }
      return Boolean.FALSE;
    }
  };

  private RoutingServlets() {}

  static boolean routes(Object servlet) {
    return ROUTING.get(servlet.getClass());
  }
}
