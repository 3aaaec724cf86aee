package io.bulwark.policy.model;

import java.util.List;
import java.util.Set;

/**
 * How the protected application routes requests, where that changes what a rule must match: a
 * method-override header it honours, and whether it maps {@code /x.json} to {@code /x}. Rules are
 * matched on what the application will see, so a request cannot reach a handler as a method or
 * path its rule did not cover.
 */
public final class Routing {

  public static final Routing DEFAULT = new Routing(null, false);

  private final MethodOverride methodOverride;
  private final boolean suffixMatch;

  public Routing(MethodOverride methodOverride, boolean suffixMatch) {
    this.methodOverride = methodOverride;
    this.suffixMatch = suffixMatch;
  }

  /** The method-override header the application honours, or {@code null} (the default: none). */
  public MethodOverride methodOverride() {
    return methodOverride;
  }

  /** Whether a literal also matches the last path segment with any {@code .extension}. */
  public boolean suffixMatch() {
    return suffixMatch;
  }

  /**
   * Headers such as {@code X-HTTP-Method-Override} that the application reads to replace the
   * request method, and the sent methods it lets them replace (usually POST only).
   */
  public static final class MethodOverride {
    private final List<String> headers;
    private final Set<String> methods;

    public MethodOverride(List<String> headers, Set<String> methods) {
      this.headers = List.copyOf(headers);
      this.methods = Set.copyOf(methods);
    }

    public List<String> headers() {
      return headers;
    }

    /** Upper-case methods whose override is honoured. */
    public Set<String> methods() {
      return methods;
    }
  }
}
