package io.bulwark.policy.model;

import io.bulwark.policy.path.CanonicalPath;
import java.util.Map;

/**
 * What rules are matched on, read once per request: the method the application will see, the
 * canonical path, and (only when some rule asks for them) the host and the header values rules
 * test. Built by the engine from the request; the explain command builds it the same way.
 */
public final class RequestFacts {

  private final String method;
  private final CanonicalPath path;
  private final String host;
  private final Map<String, String> headers;
  private final boolean routed;
  private final String route;
  private final String operation;

  /**
   * @param method the method as the application will see it, upper case
   * @param host the normalized host (lower case, no port, no trailing dot), or {@code null}
   * @param headers the single value of each header rules test, by lower-case name; absent
   *     headers are absent from the map
   */
  public RequestFacts(String method, CanonicalPath path, String host, Map<String, String> headers) {
    this(method, path, host, headers, false, null, null);
  }

  /**
   * @param routed whether the framework has routed the request: {@code route} and {@code
   *     operation} are then final ({@code null}: none); before, rules testing them cannot decide
   * @param route the normalized route template ({@link RouteTemplate#normalize}), or {@code null}
   * @param operation {@code fully.qualified.Class#method}, or {@code null}
   */
  public RequestFacts(String method, CanonicalPath path, String host, Map<String, String> headers,
      boolean routed, String route, String operation) {
    this.method = method;
    this.path = path;
    this.host = host;
    this.headers = headers;
    this.routed = routed;
    this.route = route;
    this.operation = operation;
  }

  /** Facts for matching on method and path alone: no host, no headers. */
  public static RequestFacts of(String method, CanonicalPath path) {
    return new RequestFacts(Methods.normalize(method), path, null, Map.of());
  }

  public String method() {
    return method;
  }

  public CanonicalPath path() {
    return path;
  }

  public String host() {
    return host;
  }

  /** Whether the framework has routed the request, so {@link #route} and {@link #operation} are final. */
  public boolean routed() {
    return routed;
  }

  /** The normalized route template the framework matched, or {@code null}. */
  public String route() {
    return route;
  }

  /** The handling method, {@code fully.qualified.Class#method}, or {@code null}. */
  public String operation() {
    return operation;
  }

  /** The value of a header a rule tests (lower-case name), or {@code null} when it was not sent. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
