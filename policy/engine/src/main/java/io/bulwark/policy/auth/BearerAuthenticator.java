package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;

/**
 * A scheme of bearer tokens (RFC 6750): what every such scheme answers alike (the token read from
 * the {@code Authorization} header, a malformed header, no token, the challenge) is here; the
 * scheme checks the token itself.
 */
abstract class BearerAuthenticator implements Authenticator {

  private final String realm;

  BearerAuthenticator(String realm) {
    this.realm = realm;
  }

  @Override
  public final String challenge() {
    return BearerToken.challenge(realm, null);
  }

  @Override
  public final AuthOutcome authenticate(RequestView request) {
    BearerToken.Read bearer = BearerToken.from(request);
    if (bearer.failure != null) {
      return AuthOutcome.failure(bearer.failure);
    }
    if (bearer.token == null) {
      return AuthOutcome.ABSENT;
    }
    return authenticateToken(bearer.token);
  }

  /** Checks the token a request presented (its syntax as a header value already checked). */
  abstract AuthOutcome authenticateToken(String token);
}
