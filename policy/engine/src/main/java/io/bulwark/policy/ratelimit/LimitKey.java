package io.bulwark.policy.ratelimit;

import java.util.Locale;

/** What a rule's requests are counted by ({@code rateLimit.key}): one budget per distinct value. */
public enum LimitKey {
  /** The client's address (see {@code clients.trustedProxies}); IPv6 clients by their /64 network. */
  IP("ip"),
  /** The authenticated principal (scheme and id): the rule must authenticate. */
  PRINCIPAL("principal"),
  /** The API key's id: the rule must authenticate with API keys only. */
  API_KEY("apiKey"),
  /** The value of a request header ({@code header:X-Tenant}), for headers a trusted gateway sets. */
  HEADER("header"),
  /** The rule itself: one budget that all clients share. */
  ROUTE("route");

  private final String keyword;

  LimitKey(String keyword) {
    this.keyword = keyword;
  }

  /** As written in the policy. */
  public String keyword() {
    return keyword;
  }

  /** The kind a policy keyword names (any case), or {@code null}. */
  public static LimitKey forKeyword(String text) {
    for (LimitKey key : values()) {
      if (key.keyword.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
        return key;
      }
    }
    return null;
  }
}
