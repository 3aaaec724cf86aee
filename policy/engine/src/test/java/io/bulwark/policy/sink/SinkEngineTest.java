package io.bulwark.policy.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.testing.RecordingAuditLog;
import java.io.File;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkEngineTest {

  private final RecordingAuditLog audit = new RecordingAuditLog();

  private SinkEngine engine(String policyText) throws Exception {
    Policy policy = PolicyLoader.parse(policyText, "test.yaml");
    return new SinkEngine(() -> policy, audit);
  }

  private static RequestInputs request(String value) {
    return RequestInputs.of("req-1", List.of(RequestInputs.input("query.name", value)));
  }

  @Test
  void aBlockedSqlInjectionIsAuditedWithItsSinkAndAnswered403() throws Exception {
    SinkEngine engine = engine("version: 1\ndefault: allow\naudit: { events: [deny, monitor] }\n");

    Decision decision = engine.check(request("x' OR '1'='1"), SinkHooks.SQL, "java.sql.Statement.executeQuery", null,
        "SELECT * FROM users WHERE name = 'x' OR '1'='1'");

    assertNotNull(decision);
    assertEquals(403, decision.status());
    assertTrue(decision.body().contains("urn:bulwark:problem:injection"), decision.body());
    AuditEvent event = audit.events.get(0);
    assertEquals("deny", event.action());
    assertEquals("injection.sqli", event.get(AuditField.EVENT_REASON));
    assertEquals("sink", event.get(AuditField.THREAT_LAYER));
    assertEquals("java.sql.Statement.executeQuery", event.get(AuditField.THREAT_SINK));
    assertEquals("query.name", event.get(AuditField.THREAT_LOCATION));
    assertEquals("x' OR '1'='1", event.get(AuditField.THREAT_EVIDENCE));
    assertEquals("sqli.token-structure", event.get(AuditField.THREAT_REASON));
    assertEquals("req-1", event.get(AuditField.HTTP_REQUEST_ID));
  }

  @Test
  void monitorModeAuditsWithoutBlocking() throws Exception {
    SinkEngine engine = engine("version: 1\nmode: monitor\ndefault: allow\naudit: { events: [deny, monitor] }\n");

    Decision decision = engine.check(request("../../etc/passwd"), SinkHooks.FILE, "java.io.FileInputStream.<init>",
        null, new File("/srv/files/../../etc/passwd"));

    assertNull(decision);
    assertEquals("monitor", audit.events.get(0).action());
    assertEquals("path.traversal", audit.events.get(0).get(AuditField.THREAT_REASON));
  }

  @Test
  void ssrfIsMonitoredByDefaultAndBlockedWhenThePolicySays() throws Exception {
    URI metadata = URI.create("http://169.254.169.254/latest/meta-data/");
    assertNull(engine("version: 1\ndefault: allow\naudit: { events: [deny, monitor] }\n")
        .check(request(metadata.toString()), SinkHooks.CONNECT, "java.net.URL.openConnection", null, metadata));
    assertEquals("monitor", audit.events.get(0).action());

    Decision blocked = engine("version: 1\ndefault: allow\nprotect: { ssrf: block }\n")
        .check(request(metadata.toString()), SinkHooks.CONNECT, "java.net.URL.openConnection", null, metadata);
    assertNotNull(blocked);
  }

  @Test
  void anOffCategoryIsNotChecked() throws Exception {
    SinkEngine engine = engine("version: 1\ndefault: allow\nprotect: { commandInjection: off }\n");

    assertNull(engine.check(request("x; id"), SinkHooks.COMMAND, "java.lang.ProcessImpl.start", null,
        new String[] {"sh", "-c", "ping x; id"}));
    assertTrue(audit.events.isEmpty());
  }

  @Test
  void processStartDenyRefusesAnyProcessWhileServingARequest() throws Exception {
    SinkEngine engine =
        engine("version: 1\ndefault: allow\nprotect: { commandInjection: { action: block, processStart: deny } }\n");

    Decision decision = engine.check(request("harmless"), SinkHooks.COMMAND, "java.lang.ProcessImpl.start", null,
        new String[] {"/usr/bin/convert", "in.png", "out.jpg"});

    assertNotNull(decision);
    assertEquals("cmdi.process-start", audit.events.get(0).get(AuditField.THREAT_REASON));
  }

  @Test
  void outsideARequestNothingIsBlocked() throws Exception {
    SinkEngine engine = engine("version: 1\ndefault: allow\n");

    assertNull(engine.check(null, SinkHooks.SQL, "java.sql.Statement.execute", null, "DROP TABLE users"));
  }

  @Test
  void xxeHardenRefusesTheParseInsteadOfTheRequest() throws Exception {
    String xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
    SinkEngine blocking = engine("version: 1\ndefault: allow\n");
    SinkEngine hardening = engine("version: 1\ndefault: allow\nprotect: { xxe: { action: block, harden: true } }\n");

    assertEquals(403, blocking.check(request("a"), SinkHooks.XML, "javax.xml.parsers.DocumentBuilder.parse", null, xml)
        .status());
    assertTrue(hardening.check(request("a"), SinkHooks.XML, "javax.xml.parsers.DocumentBuilder.parse", null, xml)
        == SinkHooks.REFUSE_OPERATION);
    assertEquals("xxe.external-entity", audit.events.get(1).get(AuditField.THREAT_REASON));
  }
}
