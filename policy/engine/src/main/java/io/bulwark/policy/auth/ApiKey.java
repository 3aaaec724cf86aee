package io.bulwark.policy.auth;

import java.util.Set;

/** One accepted API key: its id, the SHA-256 digest of the key (never the key), and its roles. */
public final class ApiKey {

  private final String id;
  private final byte[] sha256;
  private final Set<String> roles;

  public ApiKey(String id, byte[] sha256, Set<String> roles) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    this.id = id;
    this.sha256 = sha256.clone();
    this.roles = Set.copyOf(roles);
  }

  public String id() {
    return id;
  }

  byte[] sha256() {
    return sha256;
  }

  public Set<String> roles() {
    return roles;
  }
}
