package io.bulwark.policy.audit.review;

import io.bulwark.policy.audit.JsonLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reviewer asks of an audit trail first: how many events of each action, when (per minute),
 * and the top rules, clients, users, paths, reasons and categories. Counting is bounded: at most {@link
 * #MAX_KEYS} distinct values are counted per table, later ones are added up as "(other)".
 */
public final class AuditSummary {

  public static final int MAX_KEYS = 100_000;
  static final String OTHER = "(other)";

  public long events;
  public long unreadable;
  public String firstTime;
  public String lastTime;
  public final Map<String, Long> actions = new TreeMap<>();
  /** Minute ({@code 2026-11-23T04:16}) to action to count. */
  public final TreeMap<String, Map<String, Long>> perMinute = new TreeMap<>();
  public final Map<String, Long> rules = new HashMap<>();
  public final Map<String, Long> clients = new HashMap<>();
  /** Principals ({@code user.id}) of authenticated requests. */
  public final Map<String, Long> users = new HashMap<>();
  public final Map<String, Long> paths = new HashMap<>();
  public final Map<String, Long> reasons = new HashMap<>();
  public final Map<String, Long> categories = new HashMap<>();
  final List<Path> files = new ArrayList<>();

  public static AuditSummary of(List<Path> files, AuditLines.Visitor alsoVisit) throws IOException {
    AuditSummary summary = new AuditSummary();
    summary.files.addAll(AuditLines.inChainOrder(files));
    AuditLines.read(files, line -> {
      summary.add(line);
      if (alsoVisit != null) {
        alsoVisit.line(line);
      }
    });
    return summary;
  }

  private void add(AuditLines.Line line) {
    if (line.event == null) {
      unreadable++;
      return;
    }
    Map<String, Object> event = line.event;
    events++;
    String action = orDash(JsonLine.text(event, "event.action"));
    count(actions, action);
    String time = JsonLine.text(event, "@timestamp");
    if (time != null && time.length() >= 16) {
      if (firstTime == null || time.compareTo(firstTime) < 0) {
        firstTime = time;
      }
      if (lastTime == null || time.compareTo(lastTime) > 0) {
        lastTime = time;
      }
      String minute = time.substring(0, 16);
      if (perMinute.containsKey(minute) || perMinute.size() < MAX_KEYS) {
        count(perMinute.computeIfAbsent(minute, m -> new TreeMap<>()), action);
      }
    }
    if (JsonLine.text(event, "http.request.id") == null) {
      return; // lifecycle events (agent start/stop, audit loss) are not about requests
    }
    count(rules, orDash(JsonLine.text(event, "event.rule")));
    count(clients, orDash(JsonLine.text(event, "client.ip")));
    String user = JsonLine.text(event, "user.id");
    if (user != null) {
      count(users, user);
    }
    count(paths, orDash(JsonLine.text(event, "url.path")));
    String reason = orDash(JsonLine.text(event, "event.reason"));
    count(reasons, reason);
    count(categories, category(event, reason));
  }

  /** The threat technique when Bulwark found one, else the reason's family ({@code path.*} is path). */
  static String category(Map<String, Object> event, String reason) {
    String technique = JsonLine.text(event, "threat.technique");
    if (technique == null) {
      Object nested = JsonLine.at(event, "threat.technique.name");
      technique = nested instanceof String ? (String) nested : null;
    }
    if (technique != null) {
      return technique;
    }
    int dot = reason.indexOf('.');
    return dot > 0 ? reason.substring(0, dot) : reason;
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  private static void count(Map<String, Long> counts, String key) {
    if (!counts.containsKey(key) && counts.size() >= MAX_KEYS) {
      key = OTHER;
    }
    counts.merge(key, 1L, Long::sum);
  }

  /** The {@code n} largest counts, largest first (ties by name). */
  public static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> a.getValue().equals(b.getValue())
        ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()));
    return entries.subList(0, Math.min(n, entries.size()));
  }

  public List<Path> files() {
    return files;
  }

  /** Tables by title, in the order reviewers read them. */
  public Map<String, Map<String, Long>> tables() {
    Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
    tables.put("rules", rules);
    tables.put("clients", clients);
    if (!users.isEmpty()) {
      tables.put("users", users); // only files with authenticated requests have principals
    }
    tables.put("paths", paths);
    tables.put("categories", categories);
    tables.put("reasons", reasons);
    return tables;
  }
}
