package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.ServerKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The shared contract on a Spring Boot executable jar, plus isolation: the app bundles its own
 * Jackson, SLF4J + Logback and Byte Buddy (other versions than the agent's) and they keep working,
 * while nothing of the agent but the bootstrap bridge is visible to it.
 */
abstract class SpringBootContractTest extends ServerContractTest {

  SpringBootContractTest(int jdk) {
    super(ServerKind.SPRING_BOOT, jdk);
  }

  @Test
  void applicationLibrariesAreTheApplicationsOwnAndWork() throws IOException {
    RawHttp.Response response = RawHttp.get(server.port(), "/libs");
    assertEquals(200, response.status(), response::toString);
    JsonNode libs = JSON.readTree(response.body()); // serialized by the app's own Jackson

    assertTrue(libs.path("jackson").asText().matches("2\\.\\d+\\.\\d+"), libs::toString);
    assertNotEquals(System.getProperty("bulwark.agent.jackson.version"), libs.path("jackson").asText(),
        "the test needs the app's Jackson to differ from the agent's");
    assertTrue(libs.path("byteBuddy").asText().matches("1\\.\\d+\\.\\d+"), libs::toString);
    assertEquals("made by the app's Byte Buddy", libs.path("byteBuddyGenerated").asText());
    assertEquals("ch.qos.logback.classic.LoggerContext", libs.path("slf4jBinding").asText());
    assertTrue(server.output().contains("LOGBACK INFO BootApp - test app ready through the app's own SLF4J"),
        "the app's Logback still formats its log lines");

    assertEquals("true", libs.path("bridgeVisible").asText());
    assertEquals("false", libs.path("engineVisible").asText());
    assertEquals("false", libs.path("agentJacksonVisible").asText());
    assertEquals("false", libs.path("agentAsmVisible").asText());
  }
}
