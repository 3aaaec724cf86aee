package io.bulwark.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.policy.util.Lazy;
import java.security.Key;
import java.text.ParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Bearer JWTs ({@code identities.jwt}), verified with Nimbus JOSE+JWT against a JWKS.
 *
 * <p>Each check has its own reason code, in the order an attacker would try them: size and nesting
 * before decoding, unsigned ({@code alg: none}) and encrypted tokens, algorithms outside the
 * allowlist (so an HS256 token "signed" with the RSA public key never meets an HMAC verifier), keys
 * named in the token itself ({@code jwk}, {@code jku}, {@code x5u}: keys come only from the
 * configured JWKS), unknown key ids, the signature, then {@code exp} (required), {@code nbf},
 * {@code iss} and {@code aud} with the configured clock skew.
 *
 * <p>A verified token is remembered (bounded by total token size) for {@link JwtSettings#MAX_CACHED},
 * so a client sending the same token again costs a lookup, not a signature check; its {@code exp}
 * is checked on every use, and an expired token is dropped from the cache when it is next sent.
 */
public final class JwtAuthenticator extends BearerAuthenticator {

  /** Total characters of cached tokens: 16 MiB of text at most, whatever the tokens' sizes. */
  static final long CACHE_CHARS = 8L * 1024 * 1024;

  private final JwtSettings settings;
  private final JWSVerificationKeySelector<SecurityContext> keySelector;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
  private final Lazy<Cache<TokenKey, Verified>> verified;

  public JwtAuthenticator(JwtSettings settings, String realm) {
    super(realm);
    this.settings = settings;
    this.keySelector = new JWSVerificationKeySelector<>(settings.algorithms, settings.keys);
    this.verified = Lazy.of(() -> Caffeine.newBuilder()
        .maximumWeight(CACHE_CHARS)
        .weigher((TokenKey key, Verified v) -> key.token.length())
        // A fixed lifetime, not one per token: a variable expiry costs a timer wheel on every read,
        // and an entry outliving its token is harmless since exp is checked on every use.
        .expireAfterWrite(JwtSettings.MAX_CACHED)
        // Maintenance on the request threads: not on the application's common ForkJoinPool.
        .executor(Runnable::run)
        .build());
  }

  public JwtSettings settings() {
    return settings;
  }

  @Override
  public AuthScheme scheme() {
    return AuthScheme.JWT;
  }

  @Override
  AuthOutcome authenticateToken(String token) {
    return authenticate(token, System.currentTimeMillis());
  }

  /** Checks one token at time {@code now} (epoch millis), trusting a token verified before. */
  public AuthOutcome authenticate(String token, long now) {
    TokenKey key = new TokenKey(token);
    Verified known = verified.get().getIfPresent(key);
    if (known != null) {
      if (now > known.expiresAt + settings.clockSkew.toMillis()) {
        verified.get().invalidate(key);
        return fail("jwt.expired", "The access token expired.");
      }
      return AuthOutcome.success(known.principal);
    }
    return verify(token, now, true);
  }

  /**
   * Checks a token from scratch, neither consulting nor filling the cache: what a token seen for
   * the first time costs (benchmarks, tools).
   */
  public AuthOutcome verifyWithoutCache(String token, long now) {
    return verify(token, now, false);
  }

  private AuthOutcome verify(String token, long now, boolean remember) {
    if (token.length() > JwtSettings.MAX_TOKEN_LENGTH) {
      return fail("jwt.too-large", "The access token is too large.");
    }
    // Checked here, not per request: only tokens that pass it are cached, so a known token skips it.
    AuthFailure malformed = BearerToken.malformed(token);
    if (malformed != null) {
      return AuthOutcome.failure(malformed);
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    if (dots == 4) {
      return fail("jwt.encrypted", "Encrypted access tokens are not accepted.");
    }
    if (dots != 2) {
      return fail("jwt.malformed", "The access token is not a signed JWT.");
    }
    int firstDot = token.indexOf('.');
    int secondDot = token.indexOf('.', firstDot + 1);
    if (!nestsReasonably(token, 0, firstDot) || !nestsReasonably(token, firstDot + 1, secondDot)) {
      return fail("jwt.malformed", "The access token is not a signed JWT.");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException | RuntimeException e) {
      return fail("jwt.malformed", "The access token is not a signed JWT.");
    }
    if (parsed instanceof PlainJWT) {
      return fail("jwt.unsigned", "Unsigned access tokens are not accepted.");
    }
    if (!(parsed instanceof SignedJWT)) {
      return fail("jwt.encrypted", "Encrypted access tokens are not accepted.");
    }
    SignedJWT jwt = (SignedJWT) parsed;
    JWSHeader header = jwt.getHeader();
    if (!settings.algorithms.contains(header.getAlgorithm())) {
      return fail("jwt.algorithm", "The access token is signed with an algorithm that is not accepted.");
    }
    if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null) {
      return fail("jwt.embedded-key", "Access tokens may not name their own verification key.");
    }
    AuthOutcome signature = checkSignature(jwt, header);
    if (signature != null) {
      return signature;
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return fail("jwt.malformed", "The access token's claims are not a JSON object.");
    }
    return checkClaims(token, claims, now, remember);
  }

  private AuthOutcome checkSignature(SignedJWT jwt, JWSHeader header) {
    List<Key> keys;
    try {
      keys = keySelector.selectJWSKeys(header, null);
    } catch (RateLimitReachedException e) {
      // the key set was just refreshed for another unknown key id, and does not have this one
      return fail("jwt.unknown-key", "The access token is signed with an unknown key.");
    } catch (KeySourceException e) {
      return AuthOutcome.failure(AuthFailure.unavailable("jwt.keys-unavailable",
          "The keys to verify access tokens cannot be retrieved right now."));
    }
    if (keys.isEmpty()) {
      return fail("jwt.unknown-key", "The access token is signed with an unknown key.");
    }
    for (Key key : keys) {
      try {
        if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
          return null;
        }
      } catch (JOSEException | RuntimeException e) {
        // a key that cannot verify this token (wrong type or size) is simply not its key
      }
    }
    return fail("jwt.signature", "The access token's signature is not valid.");
  }

  private AuthOutcome checkClaims(String token, JWTClaimsSet claims, long now, boolean remember) {
    long skew = settings.clockSkew.toMillis();
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      return fail("jwt.no-expiry", "The access token has no expiry.");
    }
    if (now > expiry.getTime() + skew) {
      return fail("jwt.expired", "The access token expired.");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now + skew < notBefore.getTime()) {
      return fail("jwt.not-yet-valid", "The access token is not valid yet.");
    }
    if (!settings.issuer.equals(claims.getIssuer())) {
      return fail("jwt.issuer", "The access token is from another issuer.");
    }
    List<String> audience = claims.getAudience();
    if (Collections.disjoint(audience, settings.audiences)) {
      return fail("jwt.audience", "The access token is meant for another audience.");
    }
    Map<String, Object> values = claims.toJSONObject();
    String subject = Claims.text(values, settings.subjectClaims);
    if (subject == null) {
      return fail("jwt.no-subject", "The access token does not say whom it was issued to.");
    }
    Principal principal = new Principal(subject, AuthScheme.JWT,
        settings.rolesClaim == null ? Collections.emptySet() : Claims.names(values, settings.rolesClaim),
        Claims.scopes(values, settings.scopesClaim), Collections.unmodifiableMap(values));
    if (remember && (notBefore == null || notBefore.getTime() <= now)) {
      verified.get().put(new TokenKey(token), new Verified(principal, expiry.getTime()));
    }
    return AuthOutcome.success(principal);
  }

  private static boolean nestsReasonably(String token, int from, int to) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.substring(from, to));
      return JsonDepth.atMost(json, JwtSettings.MAX_JSON_DEPTH);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static AuthOutcome fail(String reason, String description) {
    return AuthOutcome.failure(AuthFailure.invalidToken(reason, description));
  }

  /** A token that passed every check, and until when it may be trusted. */
  private static final class Verified {
    final Principal principal;
    final long expiresAt;

    Verified(Principal principal, long expiresAt) {
      this.principal = principal;
      this.expiresAt = expiresAt;
    }
  }
}
