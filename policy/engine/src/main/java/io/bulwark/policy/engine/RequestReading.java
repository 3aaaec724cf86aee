package io.bulwark.policy.engine;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.model.HostPattern;
import io.bulwark.policy.model.Methods;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.RequestFacts;
import io.bulwark.policy.model.RouteTemplate;
import io.bulwark.policy.model.Routing;
import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.ContainerPathCheck;
import io.bulwark.policy.path.PathCanonicalizer;
import io.bulwark.policy.path.Rejection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, from one request, what the policy's rules are matched on ({@link RequestFacts}), or why
 * the request must be refused instead. Only what the policy uses is read: the Host header when a
 * rule names hosts, a header when a rule tests it, the override header when one is configured.
 */
public final class RequestReading {

  private final RequestFacts facts;
  private final CanonicalPath path;
  private final Rejection rejection;
  private final Refusal refusal;
  private final String overrideHeader;

  private RequestReading(RequestFacts facts, CanonicalPath path, Rejection rejection, Refusal refusal,
      String overrideHeader) {
    this.facts = facts;
    this.path = path;
    this.rejection = rejection;
    this.refusal = refusal;
    this.overrideHeader = overrideHeader;
  }

  public static RequestReading of(Policy policy, RequestView request) {
    String rawPath = request.rawPath();
    CanonicalPath path = PathCanonicalizer.canonicalize(rawPath);
    if (path.isRejected()) {
      return new RequestReading(null, path, path.rejection(), null, null);
    }
    if (!agrees(rawPath, path, containerPath(path, request))) {
      return new RequestReading(null, path, Rejection.CONTAINER_MISMATCH, null, null);
    }
    String method = Methods.normalize(request.method());
    String overrideHeader = null;
    Routing.MethodOverride override = policy.routing().methodOverride();
    if (override != null && override.methods().contains(method)) {
      String overridden = null;
      for (String header : override.headers()) {
        List<String> values = request.headers(header);
        if (values.isEmpty()) {
          continue;
        }
        String value = values.get(0).trim();
        if (!Methods.isToken(value)) {
          return refused(path, Refusal.METHOD_OVERRIDE_INVALID);
        }
        value = Methods.normalize(value);
        if (values.size() > 1 || overridden != null && !overridden.equals(value)) {
          return refused(path, Refusal.METHOD_OVERRIDE_AMBIGUOUS);
        }
        overridden = value;
        overrideHeader = overrideHeader == null ? header : overrideHeader;
      }
      if (overridden != null) {
        method = overridden;
      }
    }
    String host = null;
    if (policy.testsHosts()) {
      String hostHeader = request.header("Host");
      host = HostPattern.normalize(hostHeader);
      if (hostHeader != null && host == null) {
        return refused(path, Refusal.HOST_INVALID);
      }
    }
    Map<String, String> headers = Map.of();
    if (!policy.testedHeaders().isEmpty()) {
      headers = new HashMap<>();
      for (String name : policy.testedHeaders()) {
        List<String> values = request.headers(name);
        if (values.size() > 1) {
          return refused(path, Refusal.HEADER_REPEATED);
        }
        if (values.size() == 1) {
          headers.put(name, values.get(0).trim());
        }
      }
    }
    boolean routed = request.routed();
    String route = null;
    String operation = null;
    if (routed && policy.testsRouting()) {
      route = RouteTemplate.normalize(request.route());
      operation = request.operation();
    }
    return new RequestReading(new RequestFacts(method, path, host, headers, routed, route, operation), path, null,
        null, overrideHeader);
  }

  /**
   * The container's path, asked for only when the raw path is not plain. A container that cannot
   * say which path it routes (Jetty 12 throws for an ambiguous URI that a lenient compliance mode
   * let through) disagrees by definition: the request is refused rather than failed open.
   */
  private static String containerPath(CanonicalPath path, RequestView request) {
    if (path.isPlain()) {
      return null;
    }
    try {
      return request.containerPath();
    } catch (RuntimeException e) {
      return UNKNOWN_CONTAINER_PATH;
    }
  }

  /**
   * The container check, where a failure of its reading of the container's path disagrees rather
   * than fails open, as for the canonical path itself.
   */
  private static boolean agrees(String rawPath, CanonicalPath path, String containerPath) {
    try {
      return ContainerPathCheck.agrees(rawPath, path, containerPath);
    } catch (RuntimeException | StackOverflowError e) {
      AgentLog.errorOnce("comparing a request path with the container's", e, "the request is refused");
      return false;
    }
  }

  /** Never equal to a canonical path's segments: a path segment cannot hold a NUL. */
  private static final String UNKNOWN_CONTAINER_PATH = "/\0";

  private static RequestReading refused(CanonicalPath path, Refusal refusal) {
    return new RequestReading(null, path, null, refusal, null);
  }

  /** What rules are matched on, or {@code null} when the request is refused. */
  public RequestFacts facts() {
    return facts;
  }

  /** The canonical path (rejected when the raw path was). */
  public CanonicalPath path() {
    return path;
  }

  /** Why the path is refused, or {@code null}. */
  public Rejection rejection() {
    return rejection;
  }

  /** Why the request is refused for another reason than its path, or {@code null}. */
  public Refusal refusal() {
    return refusal;
  }

  public boolean refused() {
    return facts == null;
  }

  /** The override header whose method rules were matched with, or {@code null}. */
  public String overrideHeader() {
    return overrideHeader;
  }

  /** The refusal's audit reason code. */
  String reasonCode() {
    return rejection != null ? rejection.code() : refusal.code();
  }

  /** The refusal's sentence for the problem response and the command line. */
  public String reasonDescription() {
    return rejection != null ? rejection.description() : refusal == null ? null : refusal.description();
  }
}
