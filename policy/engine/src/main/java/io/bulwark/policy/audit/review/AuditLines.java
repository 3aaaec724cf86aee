package io.bulwark.policy.audit.review;

import io.bulwark.policy.audit.JsonLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads audit files line by line for the review tools. Files are taken in chain order, by the
 * {@code bulwark.seq} of their first event, so {@code audit verify audit.jsonl*} works whatever order
 * the shell lists the current and rotated files in. Lines are read as bytes (ISO-8859-1), exactly as
 * they were hashed.
 */
public final class AuditLines {

  /** One line of one file: where it is, its text, and its event ({@code null} if not one JSON object). */
  public static final class Line {
    public final Path file;
    public final long number;
    public final String text;
    public final Map<String, Object> event;

    Line(Path file, long number, String text, Map<String, Object> event) {
      this.file = file;
      this.number = number;
      this.text = text;
      this.event = event;
    }

    /** {@code file:line}, as the tools print it. */
    public String where() {
      return file + ":" + number;
    }
  }

  /** Receives lines in order. */
  public interface Visitor {
    void line(Line line);
  }

  private AuditLines() {}

  /** The files in chain order (by first seq; files without a seq keep their given order, last). */
  public static List<Path> inChainOrder(List<Path> files) throws IOException {
    List<Path> ordered = new ArrayList<>(files);
    List<Long> firsts = new ArrayList<>();
    for (Path file : files) {
      firsts.add(firstSeq(file));
    }
    ordered.sort(Comparator.comparingLong(file -> firsts.get(files.indexOf(file))));
    return ordered;
  }

  public static void read(List<Path> files, Visitor visitor) throws IOException {
    for (Path file : inChainOrder(files)) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        String text;
        long number = 0;
        while ((text = reader.readLine()) != null) {
          number++;
          visitor.line(new Line(file, number, text, JsonLine.parse(text)));
        }
      }
    }
  }

  private static long firstSeq(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String text;
      int looked = 0;
      while ((text = reader.readLine()) != null && looked++ < 100) {
        Map<String, Object> event = JsonLine.parse(text);
        Long seq = event == null ? null : JsonLine.number(event, "bulwark.seq");
        if (seq != null) {
          return seq;
        }
      }
    }
    return Long.MAX_VALUE;
  }
}
