package io.bulwark.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The JSON-lines audit file a server under test writes; read fresh on every call. */
public final class AuditFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public AuditFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public List<JsonNode> events() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<JsonNode> events = new ArrayList<>();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      // Only complete lines: the writer may be in the middle of a write, and a line is whole only
      // with its newline (the agent writes each batch in one write, the OS may show part of it).
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<JsonNode> events(Predicate<JsonNode> filter) {
    return events().stream().filter(filter).toList();
  }

  /** Waits (the writer is asynchronous) for the first event matching {@code filter}. */
  public JsonNode await(Predicate<JsonNode> filter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : events()) {
        if (filter.test(event)) {
          return event;
        }
      }
      sleep(25);
    }
    throw new AssertionError("no audit event matched within 10 s in " + file + ":\n" + String.join("\n",
        events().stream().map(JsonNode::toString).toList()));
  }

  /**
   * The events that arrive after {@code before} events were already there, once the writer has
   * been quiet for a moment (so "exactly one" can be asserted).
   */
  public List<JsonNode> newEventsAfter(int before) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int seen = events().size();
    while (seen <= before && System.nanoTime() < deadline) {
      sleep(25);
      seen = events().size();
    }
    sleep(300); // let any further (wrong) event of the same request arrive
    List<JsonNode> all = events();
    return all.subList(Math.min(before, all.size()), all.size());
  }

  /**
   * {@link #newEventsAfter}, without events decided before {@code since}: the audit writer is
   * asynchronous, so an earlier request's event may still reach the file after {@code before} was counted.
   */
  public List<JsonNode> newEventsSince(int before, java.time.Instant since) {
    return newEventsAfter(before).stream()
        .filter(e -> !java.time.Instant.parse(e.path("@timestamp").asText()).isBefore(since))
        .collect(java.util.stream.Collectors.toList());
  }

  public static Predicate<JsonNode> requestId(String id) {
    return event -> id.equals(event.path("http").path("request").path("id").asText());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
