package io.bulwark.policy.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The policy's {@code identities.introspection}, compiled (RFC 7662 token introspection). */
public final class IntrospectionSettings {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CACHE_INACTIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CACHE_MAX = Duration.ofMinutes(5);
  public static final int DEFAULT_CACHE_SIZE = 10_000;

  final URI endpoint;
  final String clientId;
  final Secret clientSecret;
  final String issuer;
  final Set<String> audiences;
  final String rolesClaim;
  final String scopesClaim;
  final List<String> subjectClaims;
  final Duration timeout;
  final Duration cacheInactive;
  final Duration cacheMax;
  final int cacheSize;

  public IntrospectionSettings(URI endpoint, String clientId, Secret clientSecret, String issuer,
      Set<String> audiences, String rolesClaim, String scopesClaim, String subjectClaim,
      Duration timeout, Duration cacheInactive, Duration cacheMax, int cacheSize) {
    this.endpoint = endpoint;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.rolesClaim = rolesClaim;
    this.scopesClaim = scopesClaim;
    this.subjectClaims = subjectClaim != null ? List.of(subjectClaim) : List.of("sub", "username", "client_id");
    this.timeout = timeout;
    this.cacheInactive = cacheInactive;
    this.cacheMax = cacheMax;
    this.cacheSize = cacheSize;
  }

  public URI endpoint() {
    return endpoint;
  }
}
