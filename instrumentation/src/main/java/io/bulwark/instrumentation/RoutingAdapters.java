package io.bulwark.instrumentation;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.DispatchHooks;
import io.bulwark.instrumentation.jaxrs.CxfAdapter;
import io.bulwark.instrumentation.jaxrs.JerseyAdapter;
import io.bulwark.instrumentation.jaxrs.ResteasyAdapter;
import io.bulwark.instrumentation.spring.SpringMvcAdapter;

/** Hands each dispatch advice's call to its framework's adapter. */
public final class RoutingAdapters implements DispatchHooks.Handler {

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
