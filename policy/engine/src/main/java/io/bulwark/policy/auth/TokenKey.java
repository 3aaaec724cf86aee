package io.bulwark.policy.auth;

/**
 * A bearer token as a cache key, hashed on its last characters only. A token is hundreds of
 * characters and a new String on every request, so {@link String#hashCode} walked all of it on
 * every lookup; the tail of a JWT is its signature, random for every token the issuer signs, so it
 * spreads keys as well. Equality still compares the whole token. Only verified tokens enter the
 * cache, so a client cannot fill a bucket with tokens sharing one tail.
 */
final class TokenKey {

  private static final int HASHED_TAIL = 32;

  final String token;
  private final int hash;

  TokenKey(String token) {
    this.token = token;
    int h = token.length();
    for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
      h = 31 * h + token.charAt(i);
    }
    this.hash = h;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenKey && ((TokenKey) other).hash == hash && ((TokenKey) other).token.equals(token);
  }

  @Override
  public String toString() {
    return "TokenKey[" + token.length() + " chars]"; // never the token itself: it is a credential
  }
}
