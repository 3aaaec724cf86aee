package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.RequestView;
import io.bulwark.bridge.ServletHooks;
import io.bulwark.instrumentation.routing.EntryPoint;
import io.bulwark.instrumentation.routing.RoutedView;
import io.bulwark.instrumentation.routing.RoutingDecision;

/**
 * The outermost filter or servlet of a request lands here: build the view, ask the engine, commit
 * the response if it blocks.
 *
 * <p>A request is evaluated once per request object, not once per dispatch: a request attribute
 * marks it, so async, error, forward and include dispatches (which reuse the request, possibly on
 * another thread) are neither evaluated again nor able to reach the application unchecked.
 *
 * <p>When the deciding rule tests the route (which only the framework's routing knows), the engine
 * defers: the request goes on to the routing, where the JAX-RS or Spring MVC adapter decides it
 * ({@link RoutingDecision}). If it reaches a servlet that no routing framework serves instead, it
 * is decided there, as a request without a route, before that servlet runs ({@link #nested}); if
 * an application filter answers it, when the filter returns ({@link #exit}).
 */
public final class ServletEntryHandler implements ServletHooks.Handler {

  static final String EVALUATED = EntryPoint.EVALUATED_ATTRIBUTE;

  @Override
  public boolean enter(String namespace, Object request, Object response) {
    Engine engine = Bulwark.engine();
    ServletApi api = ServletApi.forNamespace(namespace);
    EntryPoint.end(); // a previous request on this thread never reached its exit
    ServletSinkContext.end();
    ServletRequestView view = null;
    Decision decision;
    try {
      ServletApi.Request requestApi = api.request(request);
      if (requestApi == null) {
        return false; // not HTTP: nothing to protect
      }
      if (requestApi.getAttribute.invokeExact(request, EVALUATED) != null) {
        EntryPoint.begin(namespace, request, response, null); // decided at an earlier dispatch
        ServletSinkContext.resume(namespace, requestApi, request, response);
        return false;
      }
      requestApi.setAttribute.invokeExact(request, EVALUATED, (Object) Boolean.TRUE);
      view = new ServletRequestView(requestApi, request);
      EntryPoint entry = EntryPoint.begin(namespace, request, response, view);
      decision = engine.evaluate(view);
      if (decision == null) {
        throw new IllegalStateException("the engine returned no decision");
      }
      if (!decision.blocks()) {
        ServletSinkContext.start(namespace, requestApi, request, response, view, decision.requestId());
      }
      if (decision.deferred()) {
        entry.awaitRouting(true);
        ServletHooks.deferToRouting(true);
        replay(namespace, requestApi, request, view);
        return false;
      }
    } catch (Throwable t) {
      decision = failure(engine, t, view);
    }
    boolean blocked = block(namespace, response, decision);
    if (blocked) {
      UnreadBody.discard(api.request(request), request); // so the client reads the answer, not a reset
    } else if (view != null) {
      replay(namespace, api.request(request), request, view);
    }
    return blocked;
  }

  /**
   * When the engine read the body, the application is shown a request that replays it; if that
   * cannot be made, the body is lost to the application, which is reported once.
   */
  private static void replay(String namespace, ServletApi.Request requestApi, Object request,
      ServletRequestView view) {
    BodyReplay body = view.replay();
    if (body == null) {
      return;
    }
    try {
      ServletHooks.replaceRequest(ReplayingRequest.wrap(namespace, requestApi, request, body,
          view.header("Content-Type")));
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-replay", t);
    }
  }

  /** Commits a blocking decision; returns whether the request was blocked. */
  private static boolean block(String namespace, Object response, Decision decision) {
    if (!decision.blocks()) {
      if (!decision.headers().isEmpty()) {
        addHeaders(ServletApi.forNamespace(namespace), response, decision);
      }
      return false;
    }
    try {
      ServletApi.Response responseApi = ServletApi.forNamespace(namespace).response(response);
      if (responseApi != null) {
        BlockingResponse.commit(responseApi, response, decision);
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-block-response", t);
    }
    return true; // a blocked request never reaches the application, even if the answer failed
  }

  /** Headers an allowed request's response carries (RateLimit, ...), set before the application runs. */
  static void addHeaders(ServletApi api, Object response, Decision decision) {
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

  /**
   * A servlet inside a request whose decision waits for the routing: a routing framework's servlet
   * lets it pass (its adapter decides), any other servlet is where the request ends, so it is
   * decided now, as a request without a route.
   */
  @Override
  public boolean nested(String namespace, Object self, Object request, Object response) {
    EntryPoint entry = EntryPoint.current();
    if (entry == null || !entry.awaitingRouting() || self == null || !ServletApi.isServlet(namespace, self)
        || RoutingServlets.routes(self)) {
      return false;
    }
    return decideWithoutRoute(entry);
  }

  private static boolean decideWithoutRoute(EntryPoint entry) {
    entry.awaitRouting(false);
    ServletHooks.deferToRouting(false);
    RequestView unrouted = new RoutedView(entry.view(), null, null);
    return block(entry.namespace(), entry.response(), RoutingDecision.decide(unrouted));
  }

  @Override
  public void exit(Object request, Object response, Throwable thrown) {
    EntryPoint entry = EntryPoint.current();
    try {
      if (entry != null && thrown != null) {
        ServletSinkContext.committed(entry.namespace(), response, thrown);
      }
      if (entry != null && entry.awaitingRouting()) {
        // Answered by an application filter before any servlet or routing: decided now, and
        // audited; a denial can only still be sent if the filter left the response uncommitted.
        decideWithoutRoute(entry);
      }
    } finally {
      EntryPoint.end();
      ServletSinkContext.end();
    }
  }
}
