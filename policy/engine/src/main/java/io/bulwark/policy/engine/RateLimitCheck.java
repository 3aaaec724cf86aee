package io.bulwark.policy.engine;

import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.client.ClientAddress;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.ratelimit.Consumption;
import io.bulwark.policy.ratelimit.RateLimit;
import io.bulwark.policy.ratelimit.RateLimitHeaders;
import io.bulwark.policy.ratelimit.RateLimitStore;
import io.bulwark.policy.ratelimit.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * The matched rule's {@code rateLimit:}, after authentication (so a key can be the principal):
 * count the request against its key's bucket, refuse it with 429 when a limit is used up. Keys
 * longer than {@link #MAX_KEY_CHARS} (a header value) are replaced by their SHA-256, so no client
 * controls how much memory or Redis a key takes.
 */
final class RateLimitCheck {

  static final int MAX_KEY_CHARS = 128;

  private RateLimitCheck() {}

  /**
   * {@code null} when the rule limits nothing; else the refusal, or an allowing verdict for the rule
   * that carries the {@code RateLimit} headers when the rule asks for them.
   */
  static Verdict check(Exchange exchange, RateLimitStore store) {
    Rule rule = exchange.rule();
    RateLimit limit = rule.rateLimit();
    if (limit == null || store == null) {
      return null;
    }
    Consumption consumption = store.consume(limit, key(exchange, limit), limit.sendHeaders());
    if (consumption.unavailable()) {
      StoreSettings.OnUnavailable answer = exchange.policy().rateLimitStore().onUnavailable();
      return answer == StoreSettings.OnUnavailable.DENY ? Verdict.rateLimitUnavailable(rule.name()) : null;
    }
    Map<String, String> headers = consumption.allowed() && !limit.sendHeaders() ? null
        : RateLimitHeaders.of(limit, consumption, System.currentTimeMillis());
    if (!consumption.allowed()) {
      return Verdict.rateLimited(rule.name(), headers);
    }
    return headers == null ? null : Verdict.byRule(rule).withHeaders(headers);
  }

  /** The key's value for this request. */
  static String key(Exchange exchange, RateLimit limit) {
    switch (limit.key()) {
      case IP:
        return ClientAddress.limitKey(exchange.clientIp());
      case PRINCIPAL: {
        Principal principal = exchange.principal();
        return principal == null ? "" : bounded(principal.scheme().keyword() + ":" + principal.id());
      }
      case API_KEY: {
        Principal principal = exchange.principal();
        return principal == null ? "" : bounded(principal.id());
      }
      case HEADER: {
        // Absent or not: a client cannot leave the budget by leaving the header out (all such share one).
        List<String> values = exchange.request().headers(limit.header());
        return values.isEmpty() ? "" : bounded(String.join(",", values));
      }
      case ROUTE:
      default:
        return "";
    }
  }

  private static String bounded(String value) {
    if (value.length() <= MAX_KEY_CHARS) {
      return value;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder("sha256:");
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
