package io.bulwark.policy.audit.review;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bulwark.policy.audit.AsciiJson;
import io.bulwark.policy.audit.JsonLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code audit report}: one self-contained HTML file (no network access needed, none allowed by its
 * Content-Security-Policy) with the chain check, a timeline of events per minute by action, the top
 * tables and a filterable, sortable event table. The page's script renders everything from one
 * embedded JSON document; values are only ever inserted as text, never as markup.
 */
public final class HtmlReport {

  /** Events embedded for the event table; the counts and chart always cover every event. */
  public static final int MAX_EVENTS = 50_000;
  static final int TOP = 20;
  static final String[] COLUMNS = {"time", "action", "rule", "reason", "method", "path", "client",
      "user", "status", "latency_us", "request_id", "seq"};
  private static final String DATA_MARK = "/*BULWARK_DATA*/";

  private HtmlReport() {}

  public static String render(List<Path> files) throws IOException {
    List<Object[]> events = new ArrayList<>();
    long[] total = {0};
    AuditSummary summary = AuditSummary.of(files, line -> {
      if (line.event != null && total[0]++ < MAX_EVENTS) {
        events.add(row(line.event));
      }
    });
    ChainVerifier.Result chain = ChainVerifier.verify(files);
    return template().replace(DATA_MARK, data(summary, chain, events, files));
  }

  private static Object[] row(Map<String, Object> event) {
    Object status = JsonLine.at(event, "http.response.status_code");
    if (status == null) {
      status = JsonLine.at(event, "bulwark.would_status");
    }
    return new Object[] {JsonLine.text(event, "@timestamp"), JsonLine.text(event, "event.action"),
        JsonLine.text(event, "event.rule"), JsonLine.text(event, "event.reason"),
        JsonLine.text(event, "http.request.method"), JsonLine.text(event, "url.path"),
        JsonLine.text(event, "client.ip"), JsonLine.text(event, "user.id"), status,
        JsonLine.at(event, "bulwark.latency_us"),
        JsonLine.text(event, "http.request.id"), JsonLine.at(event, "bulwark.seq")};
  }

  private static String data(AuditSummary summary, ChainVerifier.Result chain, List<Object[]> events,
      List<Path> files) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("generated", Instant.now().toString());
      json.writeArrayFieldStart("files");
      for (Path file : summary.files()) {
        json.writeString(file.toString());
      }
      json.writeEndArray();
      json.writeNumberField("events", summary.events);
      json.writeNumberField("unreadable", summary.unreadable);
      json.writeStringField("first", summary.firstTime);
      json.writeStringField("last", summary.lastTime);
      json.writeObjectFieldStart("chain");
      json.writeBooleanField("intact", chain.intact());
      json.writeNumberField("lines", chain.lines);
      json.writeNumberField("firstSeq", chain.firstSeq);
      json.writeNumberField("lastSeq", chain.lastSeq);
      strings(json, "problems", chain.problems);
      strings(json, "notes", chain.notes);
      json.writeEndObject();
      counts(json, "actions", summary.actions, Integer.MAX_VALUE);
      json.writeArrayFieldStart("perMinute");
      for (Map.Entry<String, Map<String, Long>> minute : summary.perMinute.entrySet()) {
        json.writeStartObject();
        json.writeStringField("minute", minute.getKey());
        json.writeObjectFieldStart("counts");
        for (Map.Entry<String, Long> count : minute.getValue().entrySet()) {
          json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("top");
      for (Map.Entry<String, Map<String, Long>> table : summary.tables().entrySet()) {
        counts(json, table.getKey(), table.getValue(), TOP);
      }
      json.writeEndObject();
      json.writeArrayFieldStart("columns");
      for (String column : COLUMNS) {
        json.writeString(column);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rows");
      for (Object[] row : events) {
        json.writeStartArray();
        for (Object value : row) {
          if (value instanceof Long) {
            json.writeNumber((Long) value);
          } else if (value == null) {
            json.writeNull();
          } else {
            json.writeString(String.valueOf(value));
          }
        }
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeNumberField("rowsOmitted", Math.max(0, summary.events - events.size()));
      json.writeEndObject();
    }
    return text.toString();
  }

  private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values.subList(0, Math.min(values.size(), 1000))) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** Counts as [[name, count], ...], largest first. */
  private static void counts(JsonGenerator json, String name, Map<String, Long> counts, int top) throws IOException {
    json.writeArrayFieldStart(name);
    for (Map.Entry<String, Long> entry : AuditSummary.top(counts, top)) {
      json.writeStartArray();
      json.writeString(entry.getKey());
      json.writeNumber(entry.getValue());
      json.writeEndArray();
    }
    json.writeEndArray();
  }

  private static String template() throws IOException {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
      if (in == null) {
        throw new IOException("the report template is missing from the agent jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** JSON that is also safe inside a script element: no '<', '>' or '&', all non-ASCII escaped. */
  private static final JsonFactory FACTORY = AsciiJson.factory('<', '>', '&');
}
