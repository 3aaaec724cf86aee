package io.bulwark.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's answer for one request: let it through, or answer it with a prepared response.
 *
 * <p>A blocking decision carries everything the instrumentation needs to commit the response (status,
 * headers, an {@code application/problem+json} body), so advice never decides what to send.
 */
public final class Decision {

  public static final String PROBLEM_JSON = "application/problem+json";

  private final String requestId;
  private final int status;
  private final Map<String, String> headers;
  private final String body;

  private final boolean deferred;

  private Decision(String requestId, int status, Map<String, String> headers, String body) {
    this(requestId, status, headers, body, false);
  }

  private Decision(String requestId, int status, Map<String, String> headers, String body, boolean deferred) {
    this.requestId = requestId;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.deferred = deferred;
  }

  /**
   * The request cannot be decided yet: the rule that decides it tests the route or the operation,
   * which only the framework's routing knows. The request proceeds to the routing, which asks
   * again with a routed view; nothing has been audited for it yet.
   */
  public static Decision defer(String requestId) {
    return new Decision(requestId, 0, Collections.emptyMap(), null, true);
  }

  /** Whether the decision waits for the framework's routing (see {@link #defer}). */
  public boolean deferred() {
    return deferred;
  }

  /** The request proceeds to the application. */
  public static Decision allow(String requestId) {
    return new Decision(requestId, 0, Collections.emptyMap(), null);
  }

  /**
   * The request proceeds to the application, whose response gets {@code headers} (set before the
   * application runs, e.g. {@code RateLimit}); the application may still replace them.
   */
  public static Decision allow(String requestId, Map<String, String> headers) {
    return new Decision(requestId, 0, Collections.unmodifiableMap(new LinkedHashMap<>(headers)), null);
  }

  /**
   * The request is answered with {@code status} and a problem+json {@code body}; {@code headers}
   * are set in addition to Content-Type.
   */
  public static Decision block(String requestId, int status, Map<String, String> headers, String body) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a blocking decision needs a 4xx or 5xx status, not " + status);
    }
    Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    return new Decision(requestId, status, copy, body);
  }

  /** Whether the request must not reach the application. */
  public boolean blocks() {
    return status != 0;
  }

  /** The id under which the request's audit events are recorded. */
  public String requestId() {
    return requestId;
  }

  /** The response status of a blocking decision; 0 when the request is allowed. */
  public int status() {
    return status;
  }

  /**
   * Extra response headers (never Content-Type): of the blocking response, or for an allowed request
   * the headers to add to the application's response (usually none).
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** The problem+json body of a blocking decision, or {@code null}. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return blocks() ? "block " + status + " (" + requestId + ")"
        : (deferred ? "defer (" : "allow (") + requestId + ")";
  }
}
