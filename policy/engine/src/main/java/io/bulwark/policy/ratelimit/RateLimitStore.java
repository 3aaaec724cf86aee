package io.bulwark.policy.ratelimit;

/**
 * Where buckets live: in this JVM ({@link LocalStore}) or in Redis, shared by every JVM using it.
 * Thread-safe. Never throws at the caller: a store that cannot answer returns {@link
 * Consumption#UNAVAILABLE}.
 */
public interface RateLimitStore extends AutoCloseable {

  /**
   * Counts one request against the bucket of {@code key} under {@code limit}.
   *
   * @param key the key's value (an address, a principal, ...), at most a few hundred characters
   * @param detailed whether an allowing answer must say what is left of each limit (for headers);
   *     a refusing answer always does
   */
  Consumption consume(RateLimit limit, String key, boolean detailed);

  /** Releases connections and threads; later calls answer {@link Consumption#UNAVAILABLE}. */
  @Override
  void close();
}
