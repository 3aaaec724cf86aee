package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;

/**
 * One configured way of proving identity ({@code identities.apiKeys}, {@code .jwt}, ...). Thread-safe;
 * built when the policy is compiled and shared by every request.
 */
public interface Authenticator {

  AuthScheme scheme();

  /** Checks the request's credential of this kind; never throws for a bad credential. */
  AuthOutcome authenticate(RequestView request);

  /**
   * The {@code WWW-Authenticate} challenge a client without this credential is sent (RFC 9110
   * section 11.6.1), without an error code; {@code null} when the scheme has none (mTLS).
   */
  String challenge();
}
