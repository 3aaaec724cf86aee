package io.bulwark.instrumentation.routing;

import io.bulwark.bridge.RequestView;

/**
 * The servlet request whose outermost filter chain or servlet runs on this thread, and whether its
 * decision waits for the framework's routing. The routing adapters (JAX-RS, Spring MVC) read it to
 * decide a deferred request once, with the servlet's view of it, or to leave a decided one alone.
 */
public final class EntryPoint {

  /** The request attribute a servlet entry marks its requests with (JAX-RS frameworks show it as a property). */
  public static final String EVALUATED_ATTRIBUTE = "io.bulwark.evaluated";

  private static final ThreadLocal<EntryPoint> CURRENT = new ThreadLocal<>();

  final String namespace;
  final Object request;
  final Object response;
  final RequestView view;
  private boolean awaitingRouting;

  private EntryPoint(String namespace, Object request, Object response, RequestView view) {
    this.namespace = namespace;
    this.request = request;
    this.response = response;
    this.view = view;
  }

  /** Starts the outermost call of a servlet request on this thread. */
  public static EntryPoint begin(String namespace, Object request, Object response, RequestView view) {
    EntryPoint entry = new EntryPoint(namespace, request, response, view);
    CURRENT.set(entry);
    return entry;
  }

  /** The outermost call on this thread, or {@code null} (no servlet entry: a non-servlet server). */
  public static EntryPoint current() {
    return CURRENT.get();
  }

  public static void end() {
    CURRENT.remove();
  }

  public String namespace() {
    return namespace;
  }

  public Object request() {
    return request;
  }

  public Object response() {
    return response;
  }

  /** The servlet's view of the request, or {@code null} when it was not evaluated at this entry. */
  public RequestView view() {
    return view;
  }

  public boolean awaitingRouting() {
    return awaitingRouting;
  }

  public void awaitRouting(boolean awaiting) {
    this.awaitingRouting = awaiting;
  }
}
