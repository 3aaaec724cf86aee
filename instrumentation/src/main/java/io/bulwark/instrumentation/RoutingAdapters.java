package io.bulwark.instrumentation;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.DispatchHooks;
import io.bulwark.instrumentation.jaxrs.CxfAdapter;
import io.bulwark.instrumentation.jaxrs.JerseyAdapter;
import io.bulwark.instrumentation.jaxrs.ResteasyAdapter;
import io.bulwark.instrumentation.routing.EntryPoint;
import io.bulwark.instrumentation.spring.SpringMvcAdapter;

/** Hands each dispatch advice's call to its framework's adapter. */
public final class RoutingAdapters implements DispatchHooks.Handler {

  /** Only Jersey runs without servlets (Grizzly): there the dispatch answers a sink's block. */
  @Override
  public Object blocked(String framework, Object self, Object context, Decision decision) {
    if (!"jersey".equals(framework) || EntryPoint.current() != null) {
      return null; // under a servlet entry, its responder committed the 403 and its advice stops the error
    }
    try {
      return JerseyAdapter.answer(self, context, decision);
    } catch (Throwable t) {
      AgentLog.errorOnce("dispatch-blocked-" + framework, t);
      return null;
    }
  }

  @Override
  public Object dispatch(String framework, Object self, Object context) {
    try {
      switch (framework) {
        case "jersey":
          return JerseyAdapter.dispatch(self, context);
        case "resteasy":
          return ResteasyAdapter.dispatch(self, context);
        case "cxf":
          return CxfAdapter.dispatch(self, context);
        case "spring-mvc":
          return SpringMvcAdapter.dispatch(self, context);
        default:
          return null;
      }
    } catch (Throwable t) {
      // The adapter could not read the framework's objects: the request proceeds (a deferred one is
      // then decided when its servlet entry returns). Logged once per cause.
      AgentLog.errorOnce("dispatch-" + framework, t);
      return null;
    }
  }
}
