package io.bulwark.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.util.Lazy;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opaque bearer tokens checked with the authorization server's introspection endpoint (RFC 7662).
 *
 * <p>Answers are cached by the token's SHA-256 (the cache holds no token): an active token until its
 * {@code exp}, at most {@code cacheMax}; an inactive one for {@code cacheInactive}, so a client
 * retrying a revoked token does not reach the endpoint each time. Concurrent requests with the same
 * token wait for one call. An endpoint that does not answer is a 503 for the request, never a pass,
 * and is not cached.
 */
public final class IntrospectionAuthenticator extends BearerAuthenticator {

  /** Answers larger than this are not introspection answers. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final IntrospectionSettings settings;
  private volatile HttpClient http;
  private final Lazy<Cache<String, Answer>> answers;

  public IntrospectionAuthenticator(IntrospectionSettings settings, String realm) {
    super(realm);
    this.settings = settings;
    this.answers = Lazy.of(() -> Caffeine.newBuilder()
        .maximumSize(settings.cacheSize)
        .expireAfter(new AnswerExpiry(settings))
        // Maintenance on the request threads: not on the application's common ForkJoinPool.
        .executor(Runnable::run)
        .build());
  }

  public IntrospectionSettings settings() {
    return settings;
  }

  @Override
  public AuthScheme scheme() {
    return AuthScheme.INTROSPECTION;
  }

  @Override
  AuthOutcome authenticateToken(String token) {
    if (token.length() > JwtSettings.MAX_TOKEN_LENGTH) {
      return AuthOutcome.failure(AuthFailure.invalidToken("token.too-large", "The access token is too large."));
    }
    AuthFailure malformed = BearerToken.malformed(token);
    if (malformed != null) {
      return AuthOutcome.failure(malformed);
    }
    long now = System.currentTimeMillis();
    Answer answer;
    try {
      answer = answers.get().get(sha256(token), key -> introspect(token, now));
    } catch (IntrospectionUnavailable e) {
      return AuthOutcome.failure(AuthFailure.unavailable("introspection.unavailable",
          "The access token cannot be checked right now."));
    }
    if (answer.principal == null || answer.expiresAt > 0 && now > answer.expiresAt) {
      return AuthOutcome.failure(AuthFailure.invalidToken(
          answer.reason != null ? answer.reason : "token.inactive", "The access token is not active."));
    }
    return AuthOutcome.success(answer.principal);
  }

  private Answer introspect(String token, long now) {
    String secret = settings.clientSecret.value();
    if (secret == null) {
      AgentLog.errorOnce("introspection-secret", new IllegalStateException(
          "identities.introspection.clientSecret (" + settings.clientSecret + ") is not set"));
      throw new IntrospectionUnavailable();
    }
    String credentials = Base64.getEncoder().encodeToString(
        (form(settings.clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
    HttpRequest call = HttpRequest.newBuilder(settings.endpoint)
        .timeout(settings.timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + credentials)
        .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"))
        .build();
    HttpResponse<byte[]> response;
    try {
      // One deadline for the whole call: a server trickling its answer cannot hold the request.
      response = BoundedHttp.send(http(), call, settings.timeout, MAX_ANSWER_BYTES);
    } catch (IOException e) {
      AgentLog.errorOnce("introspection-call", e);
      throw new IntrospectionUnavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntrospectionUnavailable();
    }
    if (response.statusCode() != 200) {
      AgentLog.errorOnce("introspection-status-" + response.statusCode(), new IllegalStateException(
          "the introspection endpoint " + settings.endpoint + " answered " + response.statusCode()));
      throw new IntrospectionUnavailable();
    }
    Map<String, Object> json;
    try {
      byte[] body = response.body();
      if (!JsonDepth.atMost(body, JwtSettings.MAX_JSON_DEPTH)) {
        throw new ParseException("nested too deeply", 0);
      }
      json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
    } catch (ParseException | RuntimeException e) {
      AgentLog.errorOnce("introspection-answer", new IllegalStateException(
          "the introspection endpoint " + settings.endpoint + " answered with something else than a JSON object"));
      throw new IntrospectionUnavailable();
    }
    return IntrospectionAnswers.read(json, settings, now);
  }

  /** The HTTP client, made on first use: a policy that is only validated starts no thread. */
  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client = BoundedHttp.client(settings.timeout);
          http = client;
        }
      }
    }
    return client;
  }

  /** Form-encodes for the body and for HTTP Basic client credentials (RFC 6749 section 2.3.1). */
  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String sha256(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An introspection answer: the principal of an active token, or why it is not accepted. */
  static final class Answer {
    final Principal principal;
    final long expiresAt;
    final String reason;

    Answer(Principal principal, long expiresAt, String reason) {
      this.principal = principal;
      this.expiresAt = expiresAt;
      this.reason = reason;
    }

    static Answer refused(String reason) {
      return new Answer(null, 0, reason);
    }
  }

  /** The endpoint could not be asked or gave no usable answer. */
  private static final class IntrospectionUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IntrospectionUnavailable() {
      super(null, null, false, false);
    }
  }

  private static final class AnswerExpiry implements Expiry<String, Answer> {
    private final long inactiveNanos;
    private final long maxNanos;

    AnswerExpiry(IntrospectionSettings settings) {
      this.inactiveNanos = settings.cacheInactive.toNanos();
      this.maxNanos = settings.cacheMax.toNanos();
    }

    @Override
    public long expireAfterCreate(String key, Answer answer, long currentTime) {
      if (answer.principal == null) {
        return inactiveNanos;
      }
      if (answer.expiresAt <= 0) {
        return maxNanos;
      }
      long left = TimeUnit.MILLISECONDS.toNanos(answer.expiresAt - System.currentTimeMillis());
      return Math.max(0, Math.min(left, maxNanos));
    }

    @Override
    public long expireAfterUpdate(String key, Answer answer, long currentTime, long currentDuration) {
      return expireAfterCreate(key, answer, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Answer answer, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
