package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AgentCli;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.Chromium;
import io.bulwark.it.support.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code audit report} for the demo's audit file (examples/demo/audit-sample), opened in headless
 * Chromium: the chart and the tables the browser renders must show that file's data, counted here
 * independently from the JSON lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReportInChromiumTest {

  private Path work;
  private Path report;
  private List<JsonNode> events;

  @BeforeAll
  void writeReport() {
    work = TestPaths.workDir("audit-report");
    Path sample = TestPaths.repoRoot().resolve("examples/demo/audit-sample/demo-audit.jsonl");
    events = new AuditFile(sample).events();
    assertTrue(events.size() > 50, "the sample has data: " + events.size());
    report = work.resolve("report.html");
    AgentCli.Result result = AgentCli.run("audit", "report", sample.toString(), "-o", report.toString());
    assertEquals(0, result.status(), result.output());
  }

  private Document open(String fragment) {
    String dom = Chromium.dumpDom(report.toUri() + fragment, work);
    Document page = Jsoup.parse(dom);
    assertEquals("true", page.body().attr("data-ready"), "the report's script ran to the end:\n" + dom);
    return page;
  }

  private static String action(JsonNode event) {
    return event.path("event").path("action").asText();
  }

  /** Name to count, largest first, ties by name: how the report orders its tables. */
  private Map<String, Long> top(String field, String subfield, int limit) {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode event : events) {
      if (event.path("http").path("request").path("id").isMissingNode()) {
        continue;
      }
      String value = event.path(field).path(subfield).asText("-");
      counts.merge(value.isEmpty() ? "-" : value, 1L, Long::sum);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
            : Long.compare(b.getValue(), a.getValue()))
        .limit(limit)
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private static Map<String, Long> table(Document page, String id) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Element row : page.select("#" + id + " tbody tr[data-name]")) {
      rows.put(row.selectFirst("td.name").text(), Long.parseLong(row.select("td.num").text()));
    }
    return rows;
  }

  @Test
  void chartShowsEventsPerMinuteByActionOfTheFile() {
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    for (JsonNode event : events) {
      String minute = event.path("@timestamp").asText().substring(0, 16);
      expected.computeIfAbsent(minute, m -> new TreeMap<>()).merge(action(event), 1L, Long::sum);
    }

    Document page = open("");

    Map<String, Map<String, Long>> drawn = new TreeMap<>();
    for (Element bar : page.select("svg#timeline rect[data-minute]")) {
      assertTrue(Double.parseDouble(bar.attr("height")) > 0, bar::toString);
      drawn.computeIfAbsent(bar.attr("data-minute"), m -> new TreeMap<>())
          .merge(bar.attr("data-action"), Long.parseLong(bar.attr("data-count")), Long::sum);
    }
    assertEquals(expected, drawn);
    long busiest = expected.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).max()
        .orElseThrow();
    assertEquals(String.valueOf(busiest), page.selectFirst("svg#timeline text.y-max").text());
    assertTrue(page.select("svg#timeline rect title").first().text()
        .endsWith(" UTC: " + page.select("svg#timeline rect").first().attr("data-count")
        + " " + page.select("svg#timeline rect").first().attr("data-action")));
  }

  @Test
  void tablesShowTheTopRulesClientsAndPathsAndTheChainIsIntact() {
    Document page = open("");

    assertEquals("true", page.selectFirst("#chain").attr("data-intact"), page.selectFirst("#chain").text());
    assertTrue(page.selectFirst("#chain-status").text().startsWith("Intact: " + events.size() + " lines, seq "),
        page.selectFirst("#chain-status").text());
    assertEquals(top("event", "rule", 20), table(page, "top-rules"));
    assertEquals(top("client", "ip", 20), table(page, "top-clients"));
    assertEquals(top("url", "path", 20), table(page, "top-paths"));
    assertEquals(top("event", "reason", 20), table(page, "top-reasons"));
    for (String action : List.of("deny", "agent-start", "agent-stop")) {
      assertEquals(events.stream().filter(e -> action(e).equals(action)).count(),
          Long.parseLong(page.selectFirst("#actions .card[data-action=" + action + "]").attr("data-count")));
    }
    assertEquals(Math.min(events.size(), 1000), page.select("#events tbody tr").size());
    assertEquals(String.valueOf(events.size()), page.selectFirst("#event-count").attr("data-matched"));
  }

  @Test
  void eventTableFiltersAndSortsFromTheAddress() {
    long expectedRows = events.stream()
        .filter(e -> action(e).equals("deny") && e.path("event").path("rule").asText().equals("admin")).count();
    assertTrue(expectedRows > 0);

    Document page = open("#action=deny&q=rule:admin&sort=latency_us&dir=desc");

    List<Element> rows = page.select("#events tbody tr");
    assertEquals(expectedRows, rows.size());
    assertEquals(String.valueOf(expectedRows), page.selectFirst("#event-count").attr("data-matched"));
    List<Long> latencies = new ArrayList<>();
    for (Element row : rows) {
      assertEquals("deny", row.child(1).text());
      assertEquals("admin", row.child(2).text());
      latencies.add(Long.parseLong(row.child(8).text()));
    }
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort((a, b) -> Long.compare(b, a));
    assertEquals(sorted, latencies, "sorted by latency, largest first");
    assertTrue(page.selectFirst("#events th[data-col=latency_us]").hasClass("sorted-desc"));
    assertFalse(page.html().contains("s3cr3t-t0ken"), "the query's token was masked before it reached the file");
  }
}
