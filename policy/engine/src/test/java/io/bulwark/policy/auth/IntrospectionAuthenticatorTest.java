package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpExchange;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.LocalHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 7662 introspection against a real endpoint on 127.0.0.1 that checks the client's credentials. */
class IntrospectionAuthenticatorTest {

  @TempDir
  Path dir;

  private LocalHttpServer endpoint;
  private volatile int delayMillis;

  @BeforeEach
  void start() {
    endpoint = LocalHttpServer.serve("/introspect", this::introspect);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private LocalHttpServer.Answer introspect(HttpExchange exchange) {
    String expected =
        "Basic " + Base64.getEncoder().encodeToString("orders-api:s3cret".getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new LocalHttpServer.Answer(401, "{\"error\":\"invalid_client\"}");
    }
    String form;
    try {
      form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long exp = System.currentTimeMillis() / 1000 + 600;
    if (form.startsWith("token=opaque-alice&")) {
      return LocalHttpServer.Answer.json("{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read\","
          + "\"roles\":[\"support\"],\"aud\":\"orders-api\",\"exp\":" + exp + "}");
    }
    if (form.startsWith("token=opaque-expired&")) {
      return LocalHttpServer.Answer.json("{\"active\":true,\"sub\":\"eve\",\"aud\":\"orders-api\",\"exp\":1}");
    }
    if (form.startsWith("token=opaque-other-aud&")) {
      return LocalHttpServer.Answer.json("{\"active\":true,\"sub\":\"eve\",\"aud\":\"billing\",\"exp\":" + exp + "}");
    }
    if (form.startsWith("token=garbage&")) {
      return LocalHttpServer.Answer.json("[[[");
    }
    return LocalHttpServer.Answer.json("{\"active\":false}");
  }

  private IntrospectionAuthenticator authenticator(String secret) throws Exception {
    Path secretFile = Files.writeString(dir.resolve("secret"), secret + "\n");
    return (IntrospectionAuthenticator) PolicyLoader.parse("""
        version: 1
        identities:
          introspection:
            endpoint: %s
            clientId: orders-api
            clientSecret: "file:%s"
            audiences: [orders-api]
            rolesClaim: roles
            cacheInactive: 10s
        """.formatted(endpoint.url("/introspect"), secretFile), dir.resolve("policy.yaml").toString())
        .identities().get(AuthScheme.INTROSPECTION);
  }

  private static AuthOutcome send(IntrospectionAuthenticator introspection, String token) {
    return introspection.authenticate(FakeRequest.of("GET", "/").header("Authorization", "Bearer " + token));
  }

  @Test
  void activeTokenProvesItsSubjectAndIsAskedForOnce() throws Exception {
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    Principal alice = send(introspection, "opaque-alice").principal();
    assertNotNull(alice);
    assertEquals("alice", alice.id());
    assertEquals(Set.of("orders:read"), alice.scopes());
    assertEquals(Set.of("support"), alice.roles());
    for (int i = 0; i < 5; i++) {
      assertEquals("alice", send(introspection, "opaque-alice").principal().id());
    }
    assertEquals(1, endpoint.requests(), "an active answer is cached until the token expires");
  }

  @Test
  void inactiveTokenIsRefusedAndRememberedBriefly() throws Exception {
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    AuthOutcome revoked = send(introspection, "opaque-revoked");
    assertNull(revoked.principal());
    assertEquals("token.inactive", revoked.failure().reason());
    assertEquals(AuthFailure.BearerError.INVALID_TOKEN, revoked.failure().bearerError());
    send(introspection, "opaque-revoked");
    assertEquals(1, endpoint.requests(), "inactive answers are cached for cacheInactive");
  }

  @Test
  void expiredOrForeignTokensAreRefused() throws Exception {
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    assertEquals("token.expired", send(introspection, "opaque-expired").failure().reason());
    assertEquals("token.audience", send(introspection, "opaque-other-aud").failure().reason());
  }

  @Test
  void endpointThatRefusesTheClientOrAnswersNonsenseIsA503() throws Exception {
    assertEquals(503, send(authenticator("wrong"), "opaque-alice").failure().status());
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    AuthOutcome garbage = send(introspection, "garbage");
    assertEquals("introspection.unavailable", garbage.failure().reason());
    send(introspection, "garbage");
    assertEquals(3, endpoint.requests(), "failures are not cached");
  }

  @Test
  void endpointDownIsA503NotAPass() throws Exception {
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    endpoint.close();
    AuthOutcome outcome = send(introspection, "opaque-alice");
    assertEquals(503, outcome.failure().status());
    assertEquals("introspection.unavailable", outcome.failure().reason());
  }

  @Test
  void concurrentRequestsWithOneTokenWaitForOneCall() throws Exception {
    IntrospectionAuthenticator introspection = authenticator("s3cret");
    delayMillis = 300;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      java.util.List<Future<AuthOutcome>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return send(introspection, "opaque-alice");
        }));
      }
      go.countDown();
      for (Future<AuthOutcome> result : results) {
        assertEquals("alice", result.get(10, TimeUnit.SECONDS).principal().id());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, endpoint.requests());
  }
}
