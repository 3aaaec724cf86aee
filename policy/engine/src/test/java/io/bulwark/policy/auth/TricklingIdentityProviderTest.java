package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity provider that answers, but one byte every 200 ms (a overloaded proxy, a slow-loris
 * server): each read gets a byte long before any read timeout, so only a deadline for the whole
 * call ends it. The request gets its 503 after the configured timeout instead of hanging for as
 * long as the server keeps trickling (a minute here).
 */
class TricklingIdentityProviderTest {

  @TempDir
  Path dir;

  private ServerSocket server;
  private Thread acceptor;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "trickling-idp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Headers at once, then a JSON body one byte at a time for a minute. */
  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread trickle = new Thread(() -> trickle(socket));
        trickle.setDaemon(true);
        trickle.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void trickle(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      in.read(buffer); // the request (small enough for one read)
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < 300; i++) {
        out.write(i == 0 ? '{' : ' ');
        out.flush();
        Thread.sleep(200);
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up: what this test wants
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  @Test
  void trickledJwksIsGivenUpAfterJwksTimeout() throws Exception {
    JwtAuthenticator jwt = (JwtAuthenticator) PolicyLoader.parse("""
        version: 1
        identities:
          jwt:
            issuer: %s
            audiences: [%s]
            jwks: %s
            jwksTimeout: 1s
        """.formatted(Tokens.ISSUER, Tokens.AUDIENCE, url("/jwks.json")), "policy.yaml")
        .identities().get(AuthScheme.JWT);
    String token = Tokens.sign(Tokens.rsaKey("k1"), Tokens.claims("alice").build());

    // A hang guard, not a timing assertion: without the deadline this waited for the whole minute.
    AuthOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> jwt.authenticate(FakeRequest.of("GET", "/").header("Authorization", "Bearer " + token)));

    assertNull(outcome.principal());
    assertEquals("jwt.keys-unavailable", outcome.failure().reason());
    assertEquals(503, outcome.failure().status());
  }

  @Test
  void trickledIntrospectionAnswerIsGivenUpAfterTheTimeout() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    IntrospectionAuthenticator introspection = (IntrospectionAuthenticator) PolicyLoader.parse("""
        version: 1
        identities:
          introspection:
            endpoint: %s
            clientId: orders-api
            clientSecret: "file:%s"
            timeout: 1s
        """.formatted(url("/introspect"), secret), dir.resolve("policy.yaml").toString())
        .identities().get(AuthScheme.INTROSPECTION);

    AuthOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> introspection.authenticate(FakeRequest.of("GET", "/").header("Authorization", "Bearer opaque-1")));

    assertNull(outcome.principal());
    assertEquals("introspection.unavailable", outcome.failure().reason());
    assertEquals(503, outcome.failure().status());
  }
}
