package io.bulwark.it.app;

import java.util.EnumSet;
import java.util.Set;
import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;

/** Registers the test app through the portable Servlet 3 API, so every container gets the same app. */
public final class TestAppInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    // Two application filters: one only on client requests, one on every kind of dispatch, so
    // nested filters, forwards, includes, async and error dispatches all pass instrumented code.
    FilterRegistration.Dynamic requests = context.addFilter("requests", new CountingFilter("filter"));
    requests.setAsyncSupported(true);
    requests.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    FilterRegistration.Dynamic dispatches =
        context.addFilter("dispatches", new CountingFilter("filter-any-dispatch"));
    dispatches.setAsyncSupported(true);
    dispatches.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");

    // /api/users/*: a plain servlet where JAX-RS and Spring MVC apps have routes (route rules then
    // find no route, and the request is decided at this servlet).
    add(context, "hello", new TestServlets.Hello(), "/api/hello", "/public/*", "/api/users/*");
    add(context, "admin", new TestServlets.Admin(), "/api/admin/*");
    add(context, "forward", new TestServlets.Forward(), "/forward");
    add(context, "include", new TestServlets.Include(), "/include");
    add(context, "async", new TestServlets.Async(), "/async");
    add(context, "boom", new TestServlets.Boom(), "/boom");
    add(context, "error-page", new TestServlets.ErrorPage(), "/error-page");
    add(context, "counts", new TestServlets.Counts(), "/__counts");
    add(context, "items", new Items(), "/api/items/*");
    // multipart too, parts written to temporary files as by default (threshold 0): a form field only
    // the container parses (the agent leaves multipart bodies unread by default)
    add(context, "sinks", new SinkServlet(), "/sinks/*")
        .setMultipartConfig(new javax.servlet.MultipartConfigElement(""));
    ServletRegistration.Dynamic echo = context.addServlet("echo", new Echo());
    echo.addMapping("/echo/*");
    echo.setMultipartConfig(new javax.servlet.MultipartConfigElement(""));
  }

  private static ServletRegistration.Dynamic add(ServletContext context, String name, javax.servlet.Servlet servlet,
      String... mappings) {
    ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
    registration.setAsyncSupported(true);
    registration.addMapping(mappings);
    return registration;
  }
}
