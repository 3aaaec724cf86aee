package io.bulwark.policy.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's {@code rateLimit:}: what requests are counted by, and the limits every distinct key is
 * held to. Each key gets one bucket holding all the limits, so a request is let through only when
 * every limit has room, and counted against all of them at once. Immutable; built by the policy
 * reader.
 */
public final class RateLimit {

  private final String rule;
  private final LimitKey key;
  private final String header;
  private final List<Limit> limits;
  private final boolean sendHeaders;
  private final BucketConfiguration configuration;
  private final Bandwidth[] bandwidths;
  private final String bucketPrefix;
  private final Duration longestWindow;
  private final List<String> policyNames;
  private final String policyHeader;

  /**
   * @param header the header whose value is the key, for {@link LimitKey#HEADER}; else {@code null}
   * @param sendHeaders whether responses that are let through also carry {@code RateLimit} and
   *     {@code RateLimit-Policy} (refusals always do)
   */
  public RateLimit(String rule, LimitKey key, String header, List<Limit> limits, boolean sendHeaders) {
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("a rate limit needs at least one limit");
    }
    if ((key == LimitKey.HEADER) != (header != null)) {
      throw new IllegalArgumentException("a header name goes with key header, and only with it");
    }
    this.rule = rule;
    this.key = key;
    this.header = header;
    this.limits = List.copyOf(limits);
    this.sendHeaders = sendHeaders;
    ConfigurationBuilder builder = BucketConfiguration.builder();
    Duration longest = Duration.ZERO;
    List<String> names = new ArrayList<>();
    StringBuilder policy = new StringBuilder();
    for (Limit limit : this.limits) {
      // Aligned to the epoch: windows follow the clock, the same in every JVM (see Limit).
      builder.addLimit(Bandwidth.builder().capacity(limit.count())
          .refillIntervallyAligned(limit.count(), limit.window(), Instant.EPOCH)
          .initialTokens(limit.count()).build());
      longest = limit.window().compareTo(longest) > 0 ? limit.window() : longest;
      String name = RateLimitHeaders.quote(rule + "-" + Durations.format(limit.window()));
      names.add(name);
      policy.append(policy.length() == 0 ? "" : ", ").append(name)
          .append(";q=").append(limit.count()).append(";w=").append(limit.windowSeconds());
    }
    this.configuration = builder.build();
    this.bandwidths = configuration.getBandwidths();
    this.longestWindow = longest;
    this.policyNames = List.copyOf(names);
    this.policyHeader = policy.toString();
    // The limits are part of a bucket's name: a reload that changes them starts fresh buckets
    // instead of carrying counts made under other limits.
    this.bucketPrefix = rule + "@" + fingerprint(this.limits) + ":";
  }

  public String rule() {
    return rule;
  }

  public LimitKey key() {
    return key;
  }

  /** The header whose value is the key, for {@link LimitKey#HEADER}; {@code null} otherwise. */
  public String header() {
    return header;
  }

  public List<Limit> limits() {
    return limits;
  }

  /** Whether allowed responses also carry {@code RateLimit} and {@code RateLimit-Policy}. */
  public boolean sendHeaders() {
    return sendHeaders;
  }

  /** The Bucket4j configuration every key's bucket is built with (shared, immutable). */
  public BucketConfiguration configuration() {
    return configuration;
  }

  /** The limits as Bucket4j bandwidths, in order (for local buckets); do not modify. */
  Bandwidth[] bandwidths() {
    return bandwidths;
  }

  /** Prepended to a key's value to name its bucket: the rule, and a digest of its limits. */
  public String bucketPrefix() {
    return bucketPrefix;
  }

  /** After this long without a request, a key's bucket is full again: it can be forgotten. */
  public Duration longestWindow() {
    return longestWindow;
  }

  /** The quoted policy names, one per limit, in order (for {@code RateLimit}). */
  List<String> policyNames() {
    return policyNames;
  }

  /** The {@code RateLimit-Policy} value, e.g. {@code "api-1m";q=100;w=60, "api-1s";q=10;w=1}. */
  public String policyHeader() {
    return policyHeader;
  }

  /** The key and limits as written, e.g. {@code ip [100/1m, 10/1s]}. */
  @Override
  public String toString() {
    return (key == LimitKey.HEADER ? "header:" + header : key.keyword()) + " " + limits;
  }

  private static String fingerprint(List<Limit> limits) {
    StringBuilder canonical = new StringBuilder();
    for (Limit limit : limits) {
      canonical.append(limit.count()).append('/').append(limit.window().toMillis()).append(',');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
