package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rate limits, client addresses and bans on a real server (Tomcat 10.1, JDK 17) with the built
 * agent, seen from real HTTP clients. Clients are told apart by their source address: any
 * 127.x.y.z can be bound on Linux, and 127.0.0.2 plays the trusted proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY = """
      version: 1
      clients: { trustedProxies: [127.0.0.2] }
      identities:
        apiKeys:
          in: header:X-API-Key
          keys: [{ id: partner, sha256: 0000000000000000000000000000000000000000000000000000000000000000 }]
      rules:
        - name: hello
          match: { path: /api/hello }
          action: allow
          rateLimit: { key: ip, limits: ["3/1h", "100/1d"], headers: true }
        - name: public
          match: { path: /public/** }
          action: allow
          rateLimit: { key: ip, limits: ["2/1h"] }
        - name: admin
          match: { path: /api/admin/** }
          require: { auth: [apiKey] }
      default: allow
      bans: { authFailures: { after: 3, within: 1m, for: 10m } }
      audit: { file: %s, events: [allow, deny] }
      """;

  private RunningServer server;
  private AuditFile audit;

  @BeforeAll
  void start() throws IOException {
    Path work = TestPaths.workDir("rate-limit");
    Path auditFile = work.resolve("audit.jsonl");
    Files.deleteIfExists(auditFile);
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(auditFile));
    server = RunningServer.builder(ServerKind.TOMCAT_10, 17).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRealHttpClientOverTheLimitGets429WithRetryAfterAndRateLimitHeaders() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/hello")).build();
    for (int i = 1; i <= 3; i++) {
      HttpResponse<String> allowed = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, allowed.statusCode(), allowed.body());
      assertEquals("\"hello-1h\";q=3;w=3600, \"hello-1d\";q=100;w=86400",
          allowed.headers().firstValue("RateLimit-Policy").orElse(null), "headers: true: on allowed responses too");
      String state = allowed.headers().firstValue("RateLimit").orElseThrow();
      assertTrue(state.startsWith("\"hello-1h\";r=" + (3 - i) + ";t="), state);
    }

    HttpResponse<String> refused = client.send(request, HttpResponse.BodyHandlers.ofString());

    System.out.println("429 as a client sees it: " + refused.headers().map() + "\n" + refused.body());
    assertEquals(429, refused.statusCode());
    assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(null));
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
    assertTrue(refused.headers().firstValue("RateLimit").orElseThrow()
        .matches("\"hello-1h\";r=0;t=\\d+, \"hello-1d\";r=97;t=\\d+"), refused.headers().map().toString());
    assertEquals("\"hello-1h\";q=3;w=3600, \"hello-1d\";q=100;w=86400",
        refused.headers().firstValue("RateLimit-Policy").orElse(null));
    JsonNode problem = JSON.readTree(refused.body());
    assertEquals("urn:bulwark:problem:rate-limited", problem.path("type").asText());
    String requestId = problem.path("requestId").asText();
    JsonNode event = audit.await(e -> requestId.equals(e.path("http").path("request").path("id").asText()));
    assertEquals("ratelimit.exceeded", event.path("event").path("reason").asText());
    assertEquals("127.0.0.1", event.path("client").path("ip").asText());
    assertEquals(429, event.path("http").path("response").path("status_code").asInt());
  }

  @Test
  void aClientThatIsNotATrustedProxyCannotChooseItsAddressWithForwardingHeaders() {
    String client = "127.0.0.3";
    for (int i = 0; i < 2; i++) {
      RawHttp.Response response = RawHttp.requestFrom(client, server.port(), "/public/a",
          Map.of("X-Forwarded-For", "198.51.100." + i, "Forwarded", "for=198.51.100." + (100 + i)));
      assertEquals(200, response.status(), response.toString());
    }

    RawHttp.Response spoofed = RawHttp.requestFrom(client, server.port(), "/public/a",
        Map.of("X-Forwarded-For", "198.51.100.77", "X-Real-IP", "198.51.100.78"));

    assertEquals(429, spoofed.status(), "every request was counted against 127.0.0.3, whatever it claimed");
    String requestId = requestId(spoofed);
    JsonNode event = audit.await(e -> requestId.equals(e.path("http").path("request").path("id").asText()));
    assertEquals(client, event.path("client").path("ip").asText());
    assertTrue(event.path("bulwark").path("peer_ip").isMissingNode());
  }

  @Test
  void behindTheTrustedProxyEachForwardedClientHasItsOwnBudget() {
    String proxy = "127.0.0.2";
    for (String forwarded : List.of("198.51.100.20", "198.51.100.21")) {
      for (int i = 0; i < 2; i++) {
        RawHttp.Response response = RawHttp.requestFrom(proxy, server.port(), "/public/b",
            Map.of("X-Forwarded-For", "6.6.6.6, " + forwarded));
        assertEquals(200, response.status(), forwarded + " request " + (i + 1));
      }
    }
    RawHttp.Response third = RawHttp.requestFrom(proxy, server.port(), "/public/b",
        Map.of("X-Forwarded-For", "7.7.7.7, 198.51.100.20"));

    assertEquals(429, third.status(), "the client is what the proxy appended, not what the client wrote");
    String requestId = requestId(third);
    JsonNode event = audit.await(e -> requestId.equals(e.path("http").path("request").path("id").asText()));
    assertEquals("198.51.100.20", event.path("client").path("ip").asText());
    assertEquals(proxy, event.path("bulwark").path("peer_ip").asText());
  }

  @Test
  void refusedCredentialsBanTheClientWith429AndTheBanIsAudited() {
    String client = "127.0.0.9";
    for (int i = 0; i < 3; i++) {
      RawHttp.Response refused = RawHttp.requestFrom(client, server.port(), "/api/admin/stats",
          Map.of("X-API-Key", "guess-" + i));
      assertEquals(401, refused.status());
    }

    RawHttp.Response banned = RawHttp.requestFrom(client, server.port(), "/public/c", Map.of());

    assertEquals(429, banned.status(), banned.toString());
    assertTrue(banned.body().contains("urn:bulwark:problem:client-banned"), banned.body());
    long retryAfter = Long.parseLong(banned.header("Retry-After"));
    assertTrue(retryAfter > 500 && retryAfter <= 601, "" + retryAfter);
    assertEquals(200, RawHttp.requestFrom("127.0.0.10", server.port(), "/public/c", Map.of()).status(),
        "another client is not affected");
    JsonNode ban = audit.await(e -> "ban".equals(e.path("event").path("action").asText()));
    assertEquals("ban.auth-failures", ban.path("event").path("reason").asText());
    assertEquals(client, ban.path("client").path("ip").asText());
    assertNull(ban.path("user").path("id").textValue());
  }

  private static String requestId(RawHttp.Response response) {
    try {
      return JSON.readTree(response.body()).path("requestId").asText();
    } catch (IOException e) {
      throw new AssertionError(response.toString(), e);
    }
  }
}
