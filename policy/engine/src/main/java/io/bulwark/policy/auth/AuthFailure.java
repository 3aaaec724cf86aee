package io.bulwark.policy.auth;

/**
 * Why a credential was not accepted: the audit reason code, the answer's status, and the sentence a
 * client may see. The sentence never repeats the credential or says which part of the policy
 * refused it.
 */
public final class AuthFailure {

  /** How the failure is told to a bearer-token client (RFC 6750 section 3.1), if at all. */
  public enum BearerError {
    NONE(null), INVALID_REQUEST("invalid_request"), INVALID_TOKEN("invalid_token");

    private final String code;

    BearerError(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final String reason;
  private final int status;
  private final String description;
  private final BearerError bearerError;

  private AuthFailure(String reason, int status, String description, BearerError bearerError) {
    this.reason = reason;
    this.status = status;
    this.description = description;
    this.bearerError = bearerError;
  }

  /** A credential that is wrong: 401. */
  public static AuthFailure invalid(String reason, String description) {
    return new AuthFailure(reason, 401, description, BearerError.NONE);
  }

  /** A bearer token that is wrong: 401 with {@code error="invalid_token"}. */
  public static AuthFailure invalidToken(String reason, String description) {
    return new AuthFailure(reason, 401, description, BearerError.INVALID_TOKEN);
  }

  /** A bearer credential sent in a malformed way: 400 with {@code error="invalid_request"}. */
  public static AuthFailure invalidRequest(String reason, String description) {
    return new AuthFailure(reason, 400, description, BearerError.INVALID_REQUEST);
  }

  /**
   * The credential could not be checked because a service it depends on (a JWKS endpoint, an
   * introspection endpoint) did not answer: 503, never a pass.
   */
  public static AuthFailure unavailable(String reason, String description) {
    return new AuthFailure(reason, 503, description, BearerError.NONE);
  }

  /** Audit reason code, e.g. {@code jwt.expired}. */
  public String reason() {
    return reason;
  }

  public int status() {
    return status;
  }

  /** What the client is told (problem detail and {@code error_description}). */
  public String description() {
    return description;
  }

  public BearerError bearerError() {
    return bearerError;
  }

  @Override
  public String toString() {
    return reason + " (" + status + "): " + description;
  }
}
