package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.Decision;

/** What the three JAX-RS adapters share. */
final class JaxRsDispatch {

  /**
   * Marks a JAX-RS request as decided at its dispatch (a request property, which servlet-based
   * frameworks keep as a servlet attribute): a framework that dispatches twice, or resumes, does
   * not decide it again.
   */
  static final String ROUTED = "io.bulwark.routed";

  private JaxRsDispatch() {}

  /** The framework Response answering a blocking decision: status, headers, problem+json. */
  static Object response(JaxRsApi api, Decision decision) throws Throwable {
    return api.response(decision.status(), decision.headers(), Decision.PROBLEM_JSON, decision.body());
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(t);
  }
}
