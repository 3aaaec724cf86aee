package io.bulwark.policy.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;

/** Where verification keys come from: a JWKS URL (cached, refreshed, outage tolerant) or a file. */
public final class JwksSources {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);
  /** A key set larger than this is not a key set. */
  static final int MAX_JWKS_BYTES = 256 * 1024;

  private JwksSources() {}

  /**
   * Keys fetched from {@code url} on first use and kept for {@code cacheTtl}. A token naming an
   * unknown key id refreshes the set (rotation), at most once per {@code refreshInterval} so tokens
   * with made-up ids cannot hammer the endpoint; while the endpoint is down, the last set it gave
   * is used for up to {@code outageTolerance}. No background thread: refreshes happen on the
   * request that needs them, bounded by {@code timeout} for the whole call (connect, headers and
   * body: {@link BoundedJwksRetriever}).
   */
  public static JWKSource<SecurityContext> remote(URL url, Duration timeout, Duration cacheTtl,
      Duration refreshInterval, Duration outageTolerance) {
    BoundedJwksRetriever retriever = new BoundedJwksRetriever(timeout, MAX_JWKS_BYTES);
    return JWKSourceBuilder.<SecurityContext>create(url, retriever)
        .cache(cacheTtl.toMillis(), timeout.toMillis())
        .refreshAheadCache(false)
        .rateLimited(refreshInterval.toMillis())
        .outageTolerant(outageTolerance.toMillis())
        .retrying(true)
        .build();
  }

  /** Keys read from a JWKS file now (when the policy is loaded or reloaded). */
  public static JWKSource<SecurityContext> file(Path file) throws IOException, ParseException {
    if (Files.size(file) > MAX_JWKS_BYTES) {
      throw new IOException("larger than " + MAX_JWKS_BYTES / 1024 + " KB");
    }
    JWKSet set = JWKSet.parse(Files.readString(file));
    if (set.isEmpty()) {
      throw new ParseException("the key set has no keys", 0);
    }
    return new ImmutableJWKSet<>(set);
  }
}
