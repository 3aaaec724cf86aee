package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.ServerKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract on Jersey with Grizzly, a server without servlets, plus what only such a server
 * needs: a block from a sink (here the deserialization filter, deep inside the resource method)
 * answered with the 403 problem+json by the JAX-RS dispatch, as a servlet entry answers it
 * elsewhere, instead of the framework's 500.
 */
abstract class JerseyGrizzlyContractTest extends ServerContractTest {

  JerseyGrizzlyContractTest(ServerKind kind, int jdk) {
    super(kind, jdk);
  }

  @Test
  void sinkBlockIsAnsweredWithProblemJson() throws Exception {
    HttpResponse<String> benign = post("/sinks/deser", serialize(new ArrayList<>(List.of("a", 1))));
    assertEquals(200, benign.statusCode(), benign::body);
    assertEquals("read java.util.ArrayList", benign.body().trim());

    HttpResponse<String> blocked = post("/sinks/deser",
        serialize(new javax.management.BadAttributeValueExpException("x")));
    assertEquals(403, blocked.statusCode(), blocked::body);
    assertTrue(blocked.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        blocked.headers()::toString);
    JsonNode problem = JSON.readTree(blocked.body());
    assertEquals("urn:bulwark:problem:injection", problem.path("type").asText());
    String requestId = problem.path("requestId").asText();
    assertTrue(requestId.matches(REQUEST_ID), requestId);
    // the request's allow event (this policy audits allows) comes first; the sink's deny follows
    JsonNode event = audit.await(AuditFile.requestId(requestId)
        .and(e -> e.path("threat").path("layer").asText().equals("sink")));
    assertEquals("deny", event.path("event").path("action").asText(), event::toString);
    assertEquals("sink", event.path("threat").path("layer").asText(), event::toString);
    assertEquals("java.io.ObjectInputStream.readObject", event.path("threat").path("sink").asText(), event::toString);
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    // HTTP/1.1: Grizzly mishandles the h2c upgrade the JDK client offers by default (no Content-Type)
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] serialize(Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }
}
