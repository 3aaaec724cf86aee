package io.bulwark.policy.testing;

/**
 * The shared Redis tests use: {@code BULWARK_TEST_REDIS} (host:port or a redis:// URL), else the
 * local server on 127.0.0.1:6379 (CI starts one; no Docker here for Testcontainers). Tests do not
 * skip without it: they fail, saying where they looked.
 */
public final class TestRedis {

  private TestRedis() {}

  public static String url() {
    String configured = System.getenv("BULWARK_TEST_REDIS");
    if (configured == null || configured.isBlank()) {
      return "redis://127.0.0.1:6379";
    }
    configured = configured.trim();
    return configured.startsWith("redis://") || configured.startsWith("rediss://") ? configured
        : "redis://" + configured;
  }
}
