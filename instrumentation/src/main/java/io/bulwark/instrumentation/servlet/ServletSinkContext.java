package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.bridge.SinkHooks;

/**
 * Makes a servlet request's inputs visible to the sinks on the thread that serves it. The context
 * is made once, at the request's first dispatch, and kept as a request attribute, so an async,
 * error, forward or include dispatch (possibly on another thread) sees the same inputs; the thread's
 * reference is dropped whenever the outermost filter or servlet returns.
 */
final class ServletSinkContext {

  static final String ATTRIBUTE = "io.bulwark.sinks";

  private ServletSinkContext() {}

  /** The request's first dispatch, once the engine has let it through (or deferred it). */
  static void start(String namespace, ServletApi.Request api, Object request, Object response, RequestView view,
      String requestId) {
    SinkHooks.Checks checks = SinkHooks.checks();
    if (checks == null) {
      return;
    }
    try {
      Object context = checks.begin(view, requestId);
      api.setAttribute.invokeExact(request, ATTRIBUTE, context);
      SinkHooks.requestStarted(context, responder(namespace, response));
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-sink-context", t);
    }
  }

  /** A later dispatch of a request: the context its first dispatch made. */
  static void resume(String namespace, ServletApi.Request api, Object request, Object response) {
    try {
      Object context = api.getAttribute.invokeExact(request, ATTRIBUTE);
      if (context != null) {
        SinkHooks.requestStarted(context, responder(namespace, response));
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-sink-resume", t);
    }
  }

  static void end() {
    SinkHooks.requestEnded();
  }

  /**
   * A block from a sink that unwound the request without a responder having committed it (the
   * response was taken over by the application in between): commit it now if still possible.
   */
  static void committed(String namespace, Object response, Throwable thrown) {
    Decision decision = Blocks.decision(thrown);
    if (decision != null) {
      responder(namespace, response).commit(decision);
    }
  }

  private static SinkHooks.Responder responder(String namespace, Object response) {
    return decision -> {
      try {
        ServletApi.Response responseApi = ServletApi.forNamespace(namespace).response(response);
        if (responseApi != null && !(boolean) responseApi.isCommitted.invokeExact(response)) {
          BlockingResponse.commit(responseApi, response, decision);
        }
      } catch (Throwable t) {
        AgentLog.errorOnce("servlet-sink-block-response", t);
      }
    };
  }
}
