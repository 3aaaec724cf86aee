package io.bulwark.instrumentation.routing;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.RequestView;
import io.bulwark.bridge.DispatchHooks;
import io.bulwark.bridge.ServletHooks;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.instrumentation.servlet.ServletViews;
import java.util.function.Supplier;

/**
 * What a routing adapter (JAX-RS resource dispatch, Spring MVC handler) does with a request the
 * framework has routed. Each request is decided exactly once:
 *
 * <ul>
 *   <li>under a servlet entry that decided it already: nothing (no second evaluation, no second
 *       audit event);
 *   <li>under a servlet entry that deferred it (its rule tests the route): decided now, with the
 *       servlet's view of the request and the route;
 *   <li>with no servlet entry on this thread (Jersey on Grizzly): the adapter is the only entry
 *       point and decides the request with its own view.
 * </ul>
 */
public final class RoutingDecision {

  private RoutingDecision() {}

  /**
   * @param ownView the framework's own view of the request (used without a servlet entry)
   * @param route the route template, or {@code null}
   * @param operation {@code Class#method}, or {@code null}
   * @return the decision, or {@code null} when this request was decided before the routing
   */
  public static Decision at(Supplier<RequestView> ownView, String route, String operation) {
    return at(ownView, route, operation, false);
  }

  /**
   * @param servletEvaluated the request carries the servlet entry's mark ({@link
   *     EntryPoint#EVALUATED_ATTRIBUTE}): a framework that dispatches on another thread than the
   *     servlet's (Jersey's {@code @ManagedAsync}) must not decide it a second time
   */
  public static Decision at(Supplier<RequestView> ownView, String route, String operation,
      boolean servletEvaluated) {
    EntryPoint entry = EntryPoint.current();
    if (entry != null && entry.view() != null) {
      if (!entry.awaitingRouting()) {
        return null;
      }
      entry.awaitRouting(false);
      ServletHooks.deferToRouting(false);
      Decision decision = decide(new RoutedView(entry.view(), route, operation));
      ServletViews.addHeaders(entry.namespace(), entry.response(), decision);
      return decision;
    }
    if (entry != null || servletEvaluated) {
      // A dispatch of a request decided earlier (async, error page), or dispatched away from the
      // servlet's thread: a deferred one is then decided when its servlet entry returns.
      return null;
    }
    RequestView view;
    try {
      view = ownView.get();
    } catch (Throwable t) {
      return failure(Bulwark.engine(), t, null);
    }
    if (view == null) {
      return null;
    }
    Decision decision = decide(view);
    if (!decision.blocks() && !decision.headers().isEmpty()) {
      NativeResponses.addHeaders(DispatchHooks.connectionResponse(), decision.headers());
    }
    if (!decision.blocks()) {
      startSinkContext(view, decision.requestId());
    }
    return decision;
  }

  /**
   * A request served without a servlet entry: its inputs for the sinks, until the server's call
   * ends ({@link DispatchHooks#connectionClosed}). There is no responder: a sink's block unwinds the
   * request, and the framework answers the error itself.
   */
  private static void startSinkContext(RequestView view, String requestId) {
    SinkHooks.Checks checks = SinkHooks.checks();
    if (checks == null) {
      return;
    }
    try {
      SinkHooks.requestStarted(checks.begin(view, requestId), null);
    } catch (Throwable t) {
      AgentLog.errorOnce("routing-sink-context", t);
    }
  }

  /** Evaluates a routed view; the policy's onAgentError applies to Bulwark's own failures. */
  public static Decision decide(RequestView view) {
    Engine engine = Bulwark.engine();
    SinkHooks.suspend(); // the engine's own I/O (a key set fetched, Redis) is no application sink
    try {
      Decision decision = engine.evaluate(view);
      if (decision == null) {
        throw new IllegalStateException("the engine returned no decision");
      }
      return decision;
    } catch (Throwable t) {
      return failure(engine, t, view);
    } finally {
      SinkHooks.resume();
    }
  }

  private static Decision failure(Engine engine, Throwable error, RequestView view) {
    try {
      Decision decision = engine.failure(error, view);
      if (decision != null) {
        return decision;
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("routing-engine-failure", t);
    }
    return Decision.allow(null);
  }
}
