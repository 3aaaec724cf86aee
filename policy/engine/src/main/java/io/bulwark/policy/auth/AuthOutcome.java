package io.bulwark.policy.auth;

/** One authenticator's answer: no credential of its kind, a principal, or a failure. */
public final class AuthOutcome {

  /** The request carries no credential of this kind. */
  public static final AuthOutcome ABSENT = new AuthOutcome(null, null);

  private final Principal principal;
  private final AuthFailure failure;

  private AuthOutcome(Principal principal, AuthFailure failure) {
    this.principal = principal;
    this.failure = failure;
  }

  public static AuthOutcome success(Principal principal) {
    return new AuthOutcome(principal, null);
  }

  public static AuthOutcome failure(AuthFailure failure) {
    return new AuthOutcome(null, failure);
  }

  public boolean isAbsent() {
    return principal == null && failure == null;
  }

  /** The proven principal, or {@code null}. */
  public Principal principal() {
    return principal;
  }

  /** Why the credential was refused, or {@code null}. */
  public AuthFailure failure() {
    return failure;
  }
}
