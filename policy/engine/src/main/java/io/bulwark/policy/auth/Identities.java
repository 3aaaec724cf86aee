package io.bulwark.policy.auth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The policy's {@code identities:}, compiled: one authenticator per configured scheme. Immutable. */
public final class Identities {

  /** The realm named in {@code WWW-Authenticate} challenges. */
  public static final String REALM = "api";

  public static final Identities NONE = new Identities(Map.of());

  private final Map<AuthScheme, Authenticator> authenticators;

  public Identities(Map<AuthScheme, Authenticator> authenticators) {
    EnumMap<AuthScheme, Authenticator> copy = new EnumMap<>(AuthScheme.class);
    copy.putAll(authenticators);
    this.authenticators = Collections.unmodifiableMap(copy);
  }

  /** The authenticator for {@code scheme}, or {@code null} when the policy does not configure it. */
  public Authenticator get(AuthScheme scheme) {
    return authenticators.get(scheme);
  }

  public boolean has(AuthScheme scheme) {
    return authenticators.containsKey(scheme);
  }

  public boolean isEmpty() {
    return authenticators.isEmpty();
  }
}
