package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys ({@code identities.apiKeys}): the presented key is hashed with SHA-256 and compared, in
 * constant time, with every configured digest. The policy holds digests only, so a leaked policy
 * file leaks no key; comparing against all digests without stopping early keeps the time of a
 * check independent of which key (if any) matched.
 */
public final class ApiKeyAuthenticator implements Authenticator {

  /** Longer values are not keys; hashing them would let a client make every check expensive. */
  static final int MAX_KEY_LENGTH = 512;

  private final List<CredentialLocation> locations;
  private final ApiKey[] keys;

  public ApiKeyAuthenticator(List<CredentialLocation> locations, List<ApiKey> keys) {
    this.locations = List.copyOf(locations);
    this.keys = keys.toArray(new ApiKey[0]);
  }

  public List<CredentialLocation> locations() {
    return locations;
  }

  @Override
  public AuthScheme scheme() {
    return AuthScheme.API_KEY;
  }

  @Override
  public AuthOutcome authenticate(RequestView request) {
    String presented = null;
    for (CredentialLocation location : locations) {
      List<String> values = location.values(request);
      if (values.isEmpty()) {
        continue;
      }
      if (values.size() > 1 || presented != null) {
        return AuthOutcome.failure(AuthFailure.invalid("apikey.ambiguous",
            "More than one API key was sent."));
      }
      presented = values.get(0).trim();
    }
    if (presented == null) {
      return AuthOutcome.ABSENT;
    }
    if (presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
      return AuthOutcome.failure(AuthFailure.invalid("apikey.invalid", "The API key is not valid."));
    }
    ApiKey key = find(sha256(presented));
    if (key == null) {
      return AuthOutcome.failure(AuthFailure.invalid("apikey.invalid", "The API key is not valid."));
    }
    return AuthOutcome.success(new Principal(key.id(), AuthScheme.API_KEY, key.roles(), Set.of(), Map.of()));
  }

  /** The key whose digest equals {@code digest}, comparing with every key (constant time). */
  private ApiKey find(byte[] digest) {
    ApiKey found = null;
    for (ApiKey key : keys) {
      if (MessageDigest.isEqual(key.sha256(), digest)) {
        found = key;
      }
    }
    return found;
  }

  @Override
  public String challenge() {
    CredentialLocation first = locations.get(0);
    return "ApiKey " + (first.kind() == CredentialLocation.Kind.HEADER ? "header" : "query")
        + "=\"" + first.name() + "\"";
  }

  /** SHA-256 of the key's UTF-8 bytes, as {@code keys hash} prints it. */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
