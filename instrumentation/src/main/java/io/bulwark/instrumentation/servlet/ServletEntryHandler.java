package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.ServletHooks;

/**
 * The outermost filter or servlet of a request lands here: build the view, ask the engine, commit
 * the response if it blocks.
 *
 * <p>A request is evaluated once per request object, not once per dispatch: a request attribute
 * marks it, so async, error, forward and include dispatches (which reuse the request, possibly on
 * another thread) are neither evaluated again nor able to reach the application unchecked.
 */
public final class ServletEntryHandler implements ServletHooks.Handler {

  static final String EVALUATED = "io.bulwark.evaluated";

  @Override
  public boolean enter(String namespace, Object request, Object response) {
    Engine engine = Bulwark.engine();
    ServletApi api = ServletApi.forNamespace(namespace);
    ServletRequestView view = null;
    Decision decision;
    try {
      ServletApi.Request requestApi = api.request(request);
      if (requestApi == null) {
        return false; // not HTTP: nothing to protect
      }
      if (requestApi.getAttribute.invokeExact(request, EVALUATED) != null) {
        return false;
      }
      requestApi.setAttribute.invokeExact(request, EVALUATED, (Object) Boolean.TRUE);
      view = new ServletRequestView(requestApi, request);
      decision = engine.evaluate(view);
      if (decision == null) {
        throw new IllegalStateException("the engine returned no decision");
      }
    } catch (Throwable t) {
      decision = failure(engine, t, view);
    }
    if (!decision.blocks()) {
      if (!decision.headers().isEmpty()) {
        addHeaders(api, response, decision);
      }
      return false;
    }
    try {
      ServletApi.Response responseApi = api.response(response);
      if (responseApi != null) {
        BlockingResponse.commit(responseApi, response, decision);
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-block-response", t);
    }
    return true; // a blocked request never reaches the application, even if the answer failed
  }

  /** Headers an allowed request's response carries (RateLimit, ...), set before the application runs. */
  private static void addHeaders(ServletApi api, Object response, Decision decision) {
    try {
      ServletApi.Response responseApi = api.response(response);
      if (responseApi != null && !(boolean) responseApi.isCommitted.invokeExact(response)) {
        for (java.util.Map.Entry<String, String> header : decision.headers().entrySet()) {
          responseApi.setHeader.invokeExact(response, header.getKey(), header.getValue());
        }
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-allow-headers", t);
    }
  }

  /** The policy's answer to Bulwark's own failure; fail-open if even that cannot be had. */
  private static Decision failure(Engine engine, Throwable error, ServletRequestView view) {
    try {
      Decision decision = engine.failure(error, view);
      if (decision != null) {
        return decision;
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-engine-failure", t);
    }
    return Decision.allow(null);
  }

  @Override
  public void exit(Object request, Object response, Throwable thrown) {
    // Nothing yet: the request context that sinks read is cleared here once it exists.
  }
}
