package io.bulwark.bridge;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the engine may know about one HTTP request, in JDK types only.
 *
 * <p>Implemented by the instrumentation over a framework's request object (servlet, JAX-RS, ...);
 * read by the engine. Values are fetched lazily from the underlying request, so the engine only
 * pays for what its policy needs. Implementations never throw for a missing value: they return
 * {@code null} or an empty list.
 */
public interface RequestView {

  /** The request method as sent, e.g. {@code GET}. */
  String method();

  /** The request-target's path as received, still percent-encoded, without the query string. */
  String rawPath();

  /**
   * The path the container itself routes on, decoded and normalized by the container (context path
   * + servlet path + path info for servlets), or {@code null} where the framework has no such view.
   */
  String containerPath();

  /** The raw query string without the leading {@code ?}, or {@code null}. */
  String rawQuery();

  /** The first value of a header (case-insensitive name), or {@code null}. */
  String header(String name);

  /** All values of a header (case-insensitive name), in order received; empty when absent. */
  List<String> headers(String name);

  /** The address of the directly connected peer (not taken from any header). */
  String remoteAddress();

  /** {@code http} or {@code https}, as seen by the server. */
  String scheme();

  /**
   * The client's certificate chain from a mutual-TLS handshake, leaf first, as the server verified
   * it; {@code null} when the client sent none or the connection is not TLS.
   */
  default X509Certificate[] clientCertificates() {
    return null;
  }

  /** Makes a value visible to the application (a request attribute for servlets). */
  void publish(String name, Object value);

  /**
   * Whether the application's framework has routed the request (a JAX-RS resource method or a
   * Spring MVC handler was chosen): {@link #route()} and {@link #operation()} are then final, and
   * {@code null} means the request has none. False at a servlet entry point, before any routing.
   */
  default boolean routed() {
    return false;
  }

  /**
   * The route template the framework matched, as the application declares it: JAX-RS {@code @Path}
   * of the resource class and method joined ({@code /users/{id}}), or Spring MVC's best-matching
   * pattern ({@code /api/users/{id}}); {@code null} when not known (yet) or there is none.
   */
  default String route() {
    return null;
  }

  /**
   * The application method that will handle the request, as {@code fully.qualified.Class#method},
   * or {@code null} when not known (yet) or there is none.
   */
  default String operation() {
    return null;
  }

  /**
   * The request's query and form parameters as the application reads them (decoded by the
   * container), or an empty map where the framework has none. Read only when a sink needs the
   * request's inputs, after the application has had its chance to read the body.
   */
  default java.util.Map<String, String[]> parameters() {
    return java.util.Map.of();
  }

  /**
   * The request body's bytes, for inspection: read from the request at most once, and kept so that
   * the application, which the instrumentation then shows a replaying request, reads exactly the same
   * bytes (and, past what was read here, the rest of the body as sent). At most {@code max + 1} bytes
   * are read: an array longer than {@code max} means the body is larger than {@code max}. Returns
   * {@code null} where the view cannot replay a body (a non-servlet server), or could not read it.
   * Called only when the policy needs the body.
   */
  default byte[] body(int max) {
    return null;
  }

  /**
   * The body's bytes if {@link #body} has read them already (for the request's inspection), else
   * {@code null}; never reads. The sinks take JSON and form values from it: reading the body later,
   * behind the application's back, would take it from the application.
   */
  default byte[] bodyIfRead() {
    return null;
  }

  /** How many header lines the request has, or -1 where the view cannot count them. */
  default int headerCount() {
    return -1;
  }
}
