package io.bulwark.bridge;

/**
 * Called by the servlet advice inlined into every {@code Filter.doFilter} and {@code Servlet.service}
 * of the application (javax and jakarta alike). Only the outermost call on a thread reaches the
 * handler; nested filters and servlets, forwards and includes on the same thread cost one
 * thread-local read.
 */
public final class ServletHooks {

  /** The instrumentation's side: turns framework objects into a view and applies the decision. */
  public interface Handler {

    /** Returns true when the request was answered by Bulwark and the application must not run. */
    boolean enter(String namespace, Object request, Object response);

    /** Called once when the outermost filter or servlet returns or throws. */
    void exit(Object request, Object response, Throwable thrown);

    /**
     * Called for a nested filter chain or servlet while the outermost call's decision is deferred
     * to the framework's routing ({@link #deferToRouting}): {@code self} is the chain or servlet.
     * Returns true when Bulwark answered the request and the method must not run.
     */
    default boolean nested(String namespace, Object self, Object request, Object response) {
      return false;
    }
  }

  /** [0]: call depth; [1]: 1 while the outermost request's decision waits for the routing. */
  private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
    @Override
    protected int[] initialValue() {
      return new int[2];
    }
  };

  private static volatile Handler handler;

  /** The request the application is shown instead of the container's (a replaying wrapper), once. */
  private static final ThreadLocal<Object> REPLACEMENT = new ThreadLocal<>();

  private ServletHooks() {}

  public static void install(Handler installed) {
    handler = installed;
  }

  /** Advice entry: returns true to skip the filter or servlet body. */
  public static boolean enter(String namespace, Object request, Object response) {
    return enter(namespace, null, request, response);
  }

  /**
   * Advice entry with the instrumented filter chain or servlet ({@code self}): returns true to skip
   * its body.
   */
  public static boolean enter(String namespace, Object self, Object request, Object response) {
    int[] depth = DEPTH.get();
    if (depth[0]++ > 0) {
      return depth[1] != 0 && nested(namespace, self, request, response);
    }
    Handler current = handler;
    if (current == null) {
      return false;
    }
    try {
      return current.enter(namespace, request, response);
    } catch (Throwable t) {
      // The handler applies the policy's onAgentError itself; reaching here means it failed twice.
      AgentLog.errorOnce("servlet-enter", t);
      return false;
    }
  }

  /**
   * Called by the outermost call's handler: the application is shown {@code replacement} instead of
   * the container's request (see {@link #request}).
   */
  public static void replaceRequest(Object replacement) {
    REPLACEMENT.set(replacement);
  }

  /**
   * Advice entry, after {@link #enter}: the request the filter chain or servlet goes on with, the
   * replacement the handler asked for or {@code request} itself.
   */
  public static Object request(Object request) {
    Object replacement = REPLACEMENT.get();
    if (replacement == null) {
      return request;
    }
    REPLACEMENT.remove();
    return replacement;
  }

  /**
   * Advice exit: returns the throwable the method should go on throwing. A {@link BlockingException}
   * stops at the outermost filter or servlet, where the blocking response is already committed.
   */
  public static Throwable exit(Object request, Object response, Throwable thrown) {
    int[] depth = DEPTH.get();
    if (depth[0] > 1) {
      depth[0]--;
      return thrown;
    }
    depth[0] = 0;
    depth[1] = 0;
    Handler current = handler;
    if (current != null) {
      try {
        current.exit(request, response, thrown);
      } catch (Throwable t) {
        AgentLog.errorOnce("servlet-exit", t);
      }
    }
    return blocked(thrown) ? null : thrown;
  }

  /** Woven before each return of the filter or servlet: {@link #exit} with nothing thrown. */
  public static void exitReturned(Object request, Object response) {
    exit(request, response, null);
  }

  /**
   * Woven where the filter or servlet threw: {@link #exit}, then throws what it returns; returns
   * normally (the method then returns) when the error was a block whose response is committed.
   */
  public static void exitThrown(Throwable thrown, Object request, Object response) {
    Throwable goesOn = exit(request, response, thrown);
    if (goesOn != null) {
      SinkHooks.<RuntimeException>sneakyThrow(goesOn);
    }
  }

  /** A sink's block, possibly wrapped by the framework (Spring MVC wraps errors in ServletException). */
  private static boolean blocked(Throwable thrown) {
    Throwable t = thrown;
    for (int i = 0; t != null && i < 16; i++, t = t.getCause()) {
      if (t instanceof BlockingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Marks the current thread's outermost request as waiting for the framework's routing (or, with
   * false, as decided): nested filter chains and servlets are then shown to {@link
   * Handler#nested}, so a servlet that no routing framework serves is decided before it runs.
   */
  public static void deferToRouting(boolean waiting) {
    DEPTH.get()[1] = waiting ? 1 : 0;
  }

  private static boolean nested(String namespace, Object self, Object request, Object response) {
    Handler current = handler;
    if (current == null) {
      return false;
    }
    try {
      return current.nested(namespace, self, request, response);
    } catch (Throwable t) {
      AgentLog.errorOnce("servlet-nested", t);
      return false;
    }
  }
}
