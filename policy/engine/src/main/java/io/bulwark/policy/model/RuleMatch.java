package io.bulwark.policy.model;

import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.PathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which requests a rule applies to: every criterion written under the rule's {@code match:} must
 * hold. Immutable; built with {@link #builder}. A new criterion (a later {@code match:} key) adds a
 * field here, a test in {@link #matches}, and a test in {@link #covers} so shadowed rules are still
 * found.
 */
public final class RuleMatch {

  private final PathPattern path;
  private final Set<String> methods;
  private final List<HostPattern> hosts;
  private final List<HeaderCondition> headers;
  private final List<String> routes;
  private final List<OperationPattern> operations;
  private final boolean narrowed;
  private final boolean needsRouting;

  private RuleMatch(Builder builder) {
    this.path = builder.path;
    this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(builder.methods));
    this.hosts = List.copyOf(builder.hosts);
    this.headers = List.copyOf(builder.headers);
    this.routes = List.copyOf(builder.routes);
    this.operations = List.copyOf(builder.operations);
    this.needsRouting = !routes.isEmpty() || !operations.isEmpty();
    this.narrowed = !hosts.isEmpty() || !headers.isEmpty() || needsRouting;
  }

  public static Builder builder(PathPattern path) {
    return new Builder(path);
  }

  public PathPattern path() {
    return path;
  }

  /** Upper-case method names; empty means any method. */
  public Set<String> methods() {
    return methods;
  }

  /** The hosts the rule is limited to; empty means any host. */
  public List<HostPattern> hosts() {
    return hosts;
  }

  /** Headers the request must carry; empty means none is required. */
  public List<HeaderCondition> headers() {
    return headers;
  }

  /** Normalized route templates ({@link RouteTemplate}) the rule is limited to; empty means any route. */
  public List<String> routes() {
    return routes;
  }

  /** The handling methods the rule is limited to; empty means any. */
  public List<OperationPattern> operations() {
    return operations;
  }

  /**
   * Whether the rule tests what only the framework's routing knows (route, operation). Before the
   * request is routed such a rule matches on its other criteria alone, provisionally: the engine
   * then waits for the routing to decide (see {@link RequestFacts#routed}).
   */
  public boolean needsRouting() {
    return needsRouting;
  }

  /** HEAD is matched as GET, as servers answer HEAD with the GET handler. */
  public boolean matches(String method, CanonicalPath canonicalPath) {
    return matches(RequestFacts.of(method, canonicalPath), false);
  }

  /** Whether the request meets every criterion; cheap ones are tested first. */
  public boolean matches(RequestFacts request, boolean suffixMatch) {
    return Methods.listed(methods, request.method())
        && path.matches(request.path(), suffixMatch)
        && (!narrowed || hostMatches(request.host()) && headersMatch(request) && routingMatches(request));
  }

  /** Holds provisionally before the routing; after it, the route and the operation must be listed. */
  boolean routingMatches(RequestFacts request) {
    if (!needsRouting || !request.routed()) {
      return true;
    }
    return (routes.isEmpty() || routeListed(request.route())) && operationMatches(request.operation());
  }

  private boolean routeListed(String route) {
    return route != null && routes.contains(route); // List.copyOf's contains(null) throws
  }

  private boolean operationMatches(String operation) {
    if (operations.isEmpty()) {
      return true;
    }
    for (OperationPattern pattern : operations) {
      if (pattern.matches(operation)) {
        return true;
      }
    }
    return false;
  }

  boolean hostMatches(String host) {
    if (hosts.isEmpty()) {
      return true;
    }
    for (HostPattern pattern : hosts) {
      if (pattern.matches(host)) {
        return true;
      }
    }
    return false;
  }

  boolean headersMatch(RequestFacts request) {
    for (HeaderCondition condition : headers) {
      if (!condition.matches(request)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every criterion tested against the request, each with why it holds or not: what {@code policy
   * explain} prints. Holds for all exactly when {@link #matches(RequestFacts, boolean)} is true.
   */
  public List<MatchCheck> checks(RequestFacts request, boolean suffixMatch) {
    List<MatchCheck> checks = new ArrayList<>();
    String canonical = request.path().path();
    boolean pathHolds = path.matches(request.path(), suffixMatch);
    checks.add(new MatchCheck("path", pathHolds, canonical + (pathHolds ? " matches " : " does not match ") + path
        + (suffixMatch ? " (with suffix matching)" : "")));
    boolean methodHolds = Methods.listed(methods, request.method());
    checks.add(new MatchCheck("methods", methodHolds, methods.isEmpty() ? "any method"
        : request.method() + (methodHolds ? " is matched by " : " is not in ") + methods
            + ("HEAD".equals(request.method()) && methodHolds && !methods.contains("HEAD") ? " (HEAD as GET)" : "")));
    if (!hosts.isEmpty()) {
      boolean hostHolds = hostMatches(request.host());
      checks.add(new MatchCheck("hosts", hostHolds, request.host() == null ? "no Host header; expected one of " + hosts
          : request.host() + (hostHolds ? " is one of " : " is not one of ") + hosts));
    }
    for (HeaderCondition condition : headers) {
      String value = request.header(condition.lowerCaseName());
      boolean holds = condition.matches(request);
      checks.add(new MatchCheck("header " + condition.name(), holds, value == null
          ? "not sent; expected one of " + condition.values()
          : "'" + value + "'" + (holds ? " is one of " : " is not one of ") + condition.values()));
    }
    if (!routes.isEmpty()) {
      boolean holds = !request.routed() || routeListed(request.route());
      checks.add(new MatchCheck("route", holds, !request.routed() ? "decided once the framework has routed the request"
          : request.route() == null ? "the request has no route; expected one of " + routes
          : request.route() + (holds ? " is one of " : " is not one of ") + routes));
    }
    if (!operations.isEmpty()) {
      boolean holds = !request.routed() || operationMatches(request.operation());
      checks.add(new MatchCheck("operation", holds,
          !request.routed() ? "decided once the framework has routed the request"
          : request.operation() == null ? "no application method handles the request; expected one of " + operations
          : request.operation() + (holds ? " is one of " : " is not one of ") + operations));
    }
    return checks;
  }

  /**
   * Whether every request {@code other} matches is also matched here, so a rule with this match,
   * placed first, leaves nothing for a rule with {@code other}. Sound, not complete: {@code true}
   * is always right.
   */
  public boolean covers(RuleMatch other) {
    return Methods.covers(methods, other.methods)
        && path.covers(other.path)
        && hostsCover(other)
        && headersCover(other)
        && (routes.isEmpty() || !other.routes.isEmpty() && routes.containsAll(other.routes))
        && operationsCover(other);
  }

  private boolean operationsCover(RuleMatch other) {
    if (operations.isEmpty()) {
      return true;
    }
    if (other.operations.isEmpty()) {
      return false;
    }
    for (OperationPattern narrower : other.operations) {
      boolean covered = false;
      for (OperationPattern wider : operations) {
        covered |= wider.covers(narrower);
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private boolean hostsCover(RuleMatch other) {
    if (hosts.isEmpty()) {
      return true;
    }
    if (other.hosts.isEmpty()) {
      return false;
    }
    for (HostPattern narrower : other.hosts) {
      boolean covered = false;
      for (HostPattern wider : hosts) {
        covered |= wider.covers(narrower);
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private boolean headersCover(RuleMatch other) {
    for (HeaderCondition mine : headers) {
      boolean implied = false;
      for (HeaderCondition theirs : other.headers) {
        implied |= mine.covers(theirs);
      }
      if (!implied) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (!methods.isEmpty()) {
      text.append(methods).append(' ');
    }
    text.append(path);
    if (!hosts.isEmpty()) {
      text.append(" on ").append(hosts);
    }
    if (!headers.isEmpty()) {
      text.append(" with ").append(headers);
    }
    if (!routes.isEmpty()) {
      text.append(" route ").append(routes);
    }
    if (!operations.isEmpty()) {
      text.append(" operation ").append(operations);
    }
    return text.toString();
  }

  /** Collects the criteria of one {@code match:}. */
  public static final class Builder {
    private final PathPattern path;
    private Set<String> methods = Set.of();
    private List<HostPattern> hosts = List.of();
    private final List<HeaderCondition> headers = new ArrayList<>();
    private List<String> routes = List.of();
    private List<OperationPattern> operations = List.of();

    private Builder(PathPattern path) {
      this.path = path;
    }

    /** Upper-case method names; empty (the default) means any method. */
    public Builder methods(Set<String> methods) {
      this.methods = methods;
      return this;
    }

    public Builder hosts(List<HostPattern> hosts) {
      this.hosts = hosts;
      return this;
    }

    public Builder header(HeaderCondition condition) {
      headers.add(condition);
      return this;
    }

    /** Route templates, each normalized with {@link RouteTemplate#normalize}. */
    public Builder routes(List<String> routes) {
      this.routes = routes;
      return this;
    }

    public Builder operations(List<OperationPattern> operations) {
      this.operations = operations;
      return this;
    }

    public RuleMatch build() {
      return new RuleMatch(this);
    }
  }
}
