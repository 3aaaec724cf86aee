package io.bulwark.policy.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The policy's {@code identities.jwt}, compiled: who issues tokens, for whom, signed how, with which keys. */
public final class JwtSettings {

  /** Tokens larger than this are refused before they are decoded. */
  public static final int MAX_TOKEN_LENGTH = 8192;
  /** Header and claims may nest objects and arrays at most this deep. */
  static final int MAX_JSON_DEPTH = 16;
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  /** A verified token is trusted again without a signature check for at most this long. */
  public static final Duration MAX_CACHED = Duration.ofMinutes(5);

  final String issuer;
  final Set<String> audiences;
  final Set<JWSAlgorithm> algorithms;
  final JWKSource<SecurityContext> keys;
  final String keysDescription;
  final String rolesClaim;
  final String scopesClaim;
  final List<String> subjectClaims;
  final Duration clockSkew;

  public JwtSettings(String issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms,
      JWKSource<SecurityContext> keys, String keysDescription, String rolesClaim, String scopesClaim,
      String subjectClaim, Duration clockSkew) {
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.algorithms = Set.copyOf(algorithms);
    this.keys = keys;
    this.keysDescription = keysDescription;
    this.rolesClaim = rolesClaim;
    this.scopesClaim = scopesClaim;
    this.subjectClaims = List.of(subjectClaim);
    this.clockSkew = clockSkew;
  }

  public String issuer() {
    return issuer;
  }

  public Set<String> audiences() {
    return audiences;
  }

  public Set<JWSAlgorithm> algorithms() {
    return algorithms;
  }

  /** Where the keys come from, e.g. the JWKS URL, for explain and error messages. */
  public String keysDescription() {
    return keysDescription;
  }
}
