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

  /** The text the token is in: the token itself, or the header value it was read from. */
  private final String text;
  private final int start;
  private final int length;
  private final int hash;

  TokenKey(String token) {
    this(token, 0, token.length());
  }

  private TokenKey(String text, int start, int end) {
    this.text = text;
    this.start = start;
    this.length = end - start;
    int h = length;
    for (int i = Math.max(start, end - HASHED_TAIL); i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    this.hash = h;
  }

  /** The key of a token where a request's header holds it, without copying it out. */
  static TokenKey of(BearerToken.Read bearer) {
    return new TokenKey(bearer.header, bearer.start, bearer.end);
  }

  /** The token's length in characters (the cache's weight). */
  int length() {
    return length;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TokenKey)) {
      return false;
    }
    TokenKey that = (TokenKey) other;
    return that.hash == hash && that.length == length && text.regionMatches(start, that.text, that.start, length);
  }

  @Override
  public String toString() {
    return "TokenKey[" + length + " chars]"; // never the token itself: it is a credential
  }
}
