package io.bulwark.bridge;

/**
 * Called by the advice inlined where a framework has routed a request and is about to invoke the
 * application's method: JAX-RS resource dispatch (Jersey, RESTEasy, CXF) and Spring MVC's handler
 * chain. There the route template and the resource method are known. On a servlet container the
 * servlet entry point has decided the request already, unless its decision depends on the route;
 * on a server without servlets (Jersey on Grizzly) this is the only entry point.
 */
public final class DispatchHooks {

  /** The instrumentation's side: one adapter per framework. */
  public interface Handler {

    /**
     * @param framework which adapter: {@code jersey}, {@code resteasy}, {@code cxf}, {@code spring-mvc}
     * @param self the instrumented framework object (resource method invoker, handler chain)
     * @param context the framework's request context argument
     * @return {@code null} to let the application method run, or what the advice answers with
     *     instead (a framework response object, or {@code Boolean.FALSE} for Spring MVC)
     */
    Object dispatch(String framework, Object self, Object context);

    /**
     * A sink blocked the request while the application's method ran under this dispatch.
     *
     * @return what the dispatch returns instead of the error (the framework response carrying the
     *     decision's problem), or {@code null} when the error should go on (a servlet entry below
     *     committed the response already and stops the error itself)
     */
    default Object blocked(String framework, Object self, Object context, Decision decision) {
      return null;
    }
  }

  private static final ThreadLocal<Object[]> CONNECTION = new ThreadLocal<>();
  private static volatile Handler handler;

  private DispatchHooks() {}

  public static void install(Handler installed) {
    handler = installed;
  }

  /** Advice entry: returns non-null to skip the application method and answer with that. */
  public static Object dispatch(String framework, Object self, Object context) {
    Handler current = handler;
    if (current == null) {
      return null;
    }
    try {
      return current.dispatch(framework, self, context);
    } catch (Throwable t) {
      // The handler applies the policy's onAgentError itself; reaching here means it failed twice.
      AgentLog.errorOnce("dispatch-" + framework, t);
      return null;
    }
  }

  /**
   * Advice exit of a dispatch that threw: when the error is (or wraps) a sink's {@link
   * BlockingException}, returns the framework response that answers the block, to be returned
   * instead of the error; {@code null} to let the error go on. Never throws.
   */
  public static Object blocked(String framework, Object self, Object context, Throwable thrown) {
    Handler current = handler;
    if (current == null || thrown == null) {
      return null;
    }
    Throwable cause = thrown;
    for (int depth = 0; cause != null && depth < 8 && !(cause instanceof BlockingException); depth++) {
      cause = cause.getCause(); // frameworks wrap what the application's method threw
    }
    if (!(cause instanceof BlockingException)) {
      return null;
    }
    try {
      return current.blocked(framework, self, context, ((BlockingException) cause).decision());
    } catch (Throwable t) {
      AgentLog.errorOnce("dispatch-blocked-" + framework, t);
      return null;
    }
  }

  /**
   * Woven where a dispatch threw: returns {@link #blocked}'s answer, which the dispatch then
   * returns instead of the error, or throws {@code thrown} on.
   */
  public static Object answerForThrown(Throwable thrown, String framework, Object self, Object context) {
    Object answer = blocked(framework, self, context, thrown);
    if (answer == null) {
      SinkHooks.<RuntimeException>sneakyThrow(thrown);
    }
    return answer;
  }

  /**
   * Called by a non-servlet HTTP server's request handler (Grizzly's Jersey container) before it
   * hands the request to the framework: the native request, from which the dispatch view reads what
   * JAX-RS does not expose (the peer's address, the scheme).
   */
  public static void connectionOpened(Object nativeRequest) {
    connectionOpened(nativeRequest, null);
  }

  /** As {@link #connectionOpened(Object)}, with the native response, for headers of allowed requests. */
  public static void connectionOpened(Object nativeRequest, Object nativeResponse) {
    CONNECTION.set(new Object[] {nativeRequest, nativeResponse});
    SinkHooks.requestEnded(); // a previous call on this thread that never reached its end
  }

  public static void connectionClosed() {
    CONNECTION.remove();
    SinkHooks.requestEnded(); // the request's inputs, if the routing made them visible to the sinks
  }

  /** The native request of the server call running on this thread, or {@code null}. */
  public static Object connection() {
    Object[] connection = CONNECTION.get();
    return connection == null ? null : connection[0];
  }

  /** The native response of the server call running on this thread, or {@code null}. */
  public static Object connectionResponse() {
    Object[] connection = CONNECTION.get();
    return connection == null ? null : connection[1];
  }
}
