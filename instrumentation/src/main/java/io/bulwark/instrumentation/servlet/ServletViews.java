package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.instrumentation.routing.RoutedView;

/** The servlet side of the routing adapters: views of a servlet request, attributes, blocking. */
public final class ServletViews {

  private ServletViews() {}

  /**
   * A routed view of a servlet request of either namespace, or {@code null} when {@code request}
   * is not an HTTP servlet request.
   */
  public static RequestView routed(Object request, String route, String operation) {
    if (request == null) {
      return null;
    }
    for (String namespace : new String[] {"jakarta.servlet", "javax.servlet"}) {
      ServletApi.Request api = ServletApi.forNamespace(namespace).request(request);
      if (api != null) {
        return new RoutedView(new ServletRequestView(api, request), route, operation);
      }
    }
    return null;
  }

  /** A request attribute, or {@code null}. */
  public static Object attribute(String namespace, Object request, String name) throws Throwable {
    ServletApi.Request api = ServletApi.forNamespace(namespace).request(request);
    return api == null ? null : api.getAttribute.invokeExact(request, name);
  }

  /** Sets an allowed decision's headers (RateLimit, ...) on the servlet response, if it has any. */
  public static void addHeaders(String namespace, Object response, Decision decision) {
    if (!decision.blocks() && !decision.headers().isEmpty()) {
      ServletEntryHandler.addHeaders(ServletApi.forNamespace(namespace), response, decision);
    }
  }

  /** Commits a blocking decision on a servlet response; false when it could not be sent. */
  public static boolean commit(String namespace, Object response, Decision decision) {
    try {
      ServletApi.Response api = ServletApi.forNamespace(namespace).response(response);
      return api != null && BlockingResponse.commit(api, response, decision);
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-block-response", t);
      return false;
    }
  }
}
