package io.bulwark.policy.engine;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.client.ClientAddress;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import java.util.Map;

/**
 * One request on its way through the decision: the policy deciding it, what was read from it, the
 * rule that matched, and who sent it once a credential proved that. Each step of the decision reads
 * what earlier steps found here. Confined to the request's thread.
 */
public final class Exchange {

  private final Policy policy;
  private final RequestView request;
  private final RequestReading reading;
  private Rule rule;
  private Principal principal;
  private Map<String, String> pathVariables;
  private String clientIp;

  Exchange(Policy policy, RequestView request, RequestReading reading) {
    this.policy = policy;
    this.request = request;
    this.reading = reading;
  }

  public Policy policy() {
    return policy;
  }

  public RequestView request() {
    return request;
  }

  public RequestReading reading() {
    return reading;
  }

  /** The matched rule, or {@code null} when the default applies (or before matching). */
  public Rule rule() {
    return rule;
  }

  void rule(Rule matched) {
    this.rule = matched;
  }

  /** Who sent the request, once authenticated; {@code null} before or without authentication. */
  public Principal principal() {
    return principal;
  }

  void principal(Principal authenticated) {
    this.principal = authenticated;
  }

  /**
   * The client's address: the socket's peer, or, when the peer is a trusted proxy ({@code
   * clients.trustedProxies}), the address the proxies' header names. Canonical (see {@link ClientAddress}).
   */
  public String clientIp() {
    if (clientIp == null) {
      clientIp = ClientAddress.of(policy.clients(), request);
    }
    return clientIp;
  }

  /** The matched rule's {@code {name}} path segments, decoded; empty without a rule. */
  public Map<String, String> pathVariables() {
    if (pathVariables == null) {
      Map<String, String> captured = rule == null ? null : rule.path().capture(reading.path());
      pathVariables = captured == null ? Map.of() : captured;
    }
    return pathVariables;
  }
}
