package io.bulwark.policy.model;

import io.bulwark.policy.abuse.BanSettings;
import io.bulwark.policy.auth.Identities;
import io.bulwark.policy.client.ClientSettings;
import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.protect.Limits;
import io.bulwark.policy.protect.Protection;
import io.bulwark.policy.ratelimit.StoreSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled, immutable policy. Swapped as a whole when the file changes, so a request sees either
 * the old or the new policy, never a mix. Built with {@link #builder}; a new section of the policy
 * file is a field, a getter and a builder setter here.
 */
public final class Policy {

  private final String source;
  private final String sha256;
  private final Mode mode;
  private final Action onAgentError;
  private final List<Rule> rules;
  private final Action defaultAction;
  private final AuditSettings audit;
  private final Routing routing;
  private final Identities identities;
  private final ClientSettings clients;
  private final StoreSettings rateLimitStore;
  private final BanSettings bans;
  private final Protection protect;
  private final Limits limits;
  private final boolean hasRateLimits;
  private final RuleIndex index;
  private final Set<String> testedHeaders;
  private final boolean testsHosts;
  private final boolean testsRouting;

  private Policy(Builder builder) {
    this.source = builder.source;
    this.sha256 = builder.sha256;
    this.mode = builder.mode;
    this.onAgentError = builder.onAgentError;
    this.rules = List.copyOf(builder.rules);
    this.defaultAction = builder.defaultAction;
    this.audit = builder.audit;
    this.routing = builder.routing;
    this.identities = builder.identities;
    this.clients = builder.clients;
    this.rateLimitStore = builder.rateLimitStore;
    this.bans = builder.bans;
    // mode: monitor blocks nothing, at the entry points and at the sinks alike.
    this.protect = mode == Mode.MONITOR ? builder.protect.inMonitorMode() : builder.protect;
    this.limits = builder.limits;
    this.hasRateLimits = rules.stream().anyMatch(rule -> rule.rateLimit() != null);
    this.index = new RuleIndex(rules, routing.suffixMatch());
    Set<String> headers = new LinkedHashSet<>();
    boolean hosts = false;
    boolean routing = false;
    for (Rule rule : rules) {
      rule.match().headers().forEach(condition -> headers.add(condition.lowerCaseName()));
      hosts |= !rule.match().hosts().isEmpty();
      routing |= rule.match().needsRouting();
    }
    this.testedHeaders = Set.copyOf(headers);
    this.testsHosts = hosts;
    this.testsRouting = routing;
  }

  public Policy(String source, String sha256, Mode mode, Action onAgentError, List<Rule> rules,
      Action defaultAction, AuditSettings audit) {
    this(builder(source, sha256).mode(mode).onAgentError(onAgentError).rules(rules)
        .defaultAction(defaultAction).audit(audit));
  }

  /** A policy with every setting at its default: enforce, fail-open, no rules, allow, default audit. */
  public static Builder builder(String source, String sha256) {
    return new Builder(source, sha256);
  }

  /** The file the policy was read from, or {@code <built-in policy>}. */
  public String source() {
    return source;
  }

  /** Hex SHA-256 of the policy file's bytes (of the built-in policy's text for the built-in one). */
  public String sha256() {
    return sha256;
  }

  public Mode mode() {
    return mode;
  }

  /** What happens to a request when Bulwark itself fails: ALLOW (fail-open) or DENY (fail-closed). */
  public Action onAgentError() {
    return onAgentError;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Action defaultAction() {
    return defaultAction;
  }

  public AuditSettings audit() {
    return audit;
  }

  /** How the application routes requests (method override, suffix matching). */
  public Routing routing() {
    return routing;
  }

  /** The configured ways of proving identity ({@code identities:}). */
  public Identities identities() {
    return identities;
  }

  /** How the client's address is found ({@code clients:}). */
  public ClientSettings clients() {
    return clients;
  }

  /** Where rate-limit buckets live ({@code rateLimitStore:}). */
  public StoreSettings rateLimitStore() {
    return rateLimitStore;
  }

  /** Whether some rule has a {@code rateLimit}: only then is a store needed. */
  public boolean hasRateLimits() {
    return hasRateLimits;
  }

  /** When clients are banned for a while ({@code bans:}). */
  public BanSettings bans() {
    return bans;
  }

  /** What is done about injections, and where Bulwark looks for them ({@code protect:}). */
  public Protection protect() {
    return protect;
  }

  /** How big requests may be ({@code limits:}). */
  public Limits limits() {
    return limits;
  }

  /** The lower-case names of the headers some rule tests; the engine reads only these. */
  public Set<String> testedHeaders() {
    return testedHeaders;
  }

  /** Whether some rule is limited to hosts; the engine reads the Host header only then. */
  public boolean testsHosts() {
    return testsHosts;
  }

  /** Whether some rule tests the route or the operation; the engine reads them only then. */
  public boolean testsRouting() {
    return testsRouting;
  }

  /**
   * The first rule matching the request, or {@code null} when the default applies. Before the
   * request is routed, a rule testing the route or operation matches on its other criteria
   * (provisionally, see {@link RuleMatch#needsRouting}).
   */
  public Rule firstMatch(RequestFacts request) {
    return index.firstMatch(request);
  }

  /** The first rule matching a request with no host and no headers, or {@code null}. */
  public Rule firstMatch(String method, CanonicalPath path) {
    return firstMatch(RequestFacts.of(method, path));
  }

  /** Whether {@code rule} matches the request, with this policy's routing (suffix matching). */
  public boolean matches(Rule rule, RequestFacts request) {
    return rule.match().matches(request, routing.suffixMatch());
  }

  /** Collects a policy's sections; unset sections keep their defaults. */
  public static final class Builder {
    private final String source;
    private final String sha256;
    private Mode mode = Mode.ENFORCE;
    private Action onAgentError = Action.ALLOW;
    private List<Rule> rules = List.of();
    private Action defaultAction = Action.ALLOW;
    private AuditSettings audit = AuditSettings.DEFAULT;
    private Routing routing = Routing.DEFAULT;
    private Identities identities = Identities.NONE;
    private ClientSettings clients = ClientSettings.NONE;
    private StoreSettings rateLimitStore = StoreSettings.LOCAL;
    private BanSettings bans = BanSettings.NONE;
    private Protection protect = Protection.DEFAULT;
    private Limits limits = Limits.DEFAULT;

    private Builder(String source, String sha256) {
      this.source = source;
      this.sha256 = sha256;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    public Builder onAgentError(Action onAgentError) {
      this.onAgentError = onAgentError;
      return this;
    }

    public Builder rules(List<Rule> rules) {
      this.rules = rules;
      return this;
    }

    public Builder defaultAction(Action defaultAction) {
      this.defaultAction = defaultAction;
      return this;
    }

    public Builder audit(AuditSettings audit) {
      this.audit = audit;
      return this;
    }

    public Builder routing(Routing routing) {
      this.routing = routing;
      return this;
    }

    public Builder identities(Identities identities) {
      this.identities = identities;
      return this;
    }

    public Builder clients(ClientSettings clients) {
      this.clients = clients;
      return this;
    }

    public Builder rateLimitStore(StoreSettings rateLimitStore) {
      this.rateLimitStore = rateLimitStore;
      return this;
    }

    public Builder bans(BanSettings bans) {
      this.bans = bans;
      return this;
    }

    public Builder protect(Protection protect) {
      this.protect = protect;
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = limits;
      return this;
    }

    public Policy build() {
      return new Policy(this);
    }
  }
}
