package io.bulwark.policy.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The shared detection corpus ({@code ../shared/corpus}, see its README) and this module's curated
 * benign API values, read as the inputs an entry point would inspect: each a source, a name and a
 * value.
 */
final class DetectionCorpus {

  /** One inspected input. */
  record Input(Source source, String name, String value) {}

  /** One sample: an attack request (several inputs, one of them the payload) or one benign value. */
  record Sample(String origin, String family, boolean attack, List<Input> inputs) {}

  static final ObjectMapper JSON = new ObjectMapper();

  private DetectionCorpus() {}

  /** The corpus directory, or null when it is absent (then the quality tests skip). */
  static Path directory() {
    for (Path candidate : new Path[] {Paths.get("../shared/corpus"), Paths.get("../../../shared/corpus"),
        Paths.get("../../shared/corpus"), Paths.get("/work/shared/corpus")}) {
      if (Files.isRegularFile(candidate.resolve("crs-payloads.jsonl"))) {
        return candidate;
      }
    }
    return null;
  }

  /** CRS regression requests of one paranoia level and above-none: attacks the tests expect a rule to match. */
  static List<Sample> crs(Path dir, int paranoiaLevel) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode row : lines(dir.resolve("crs-payloads.jsonl"))) {
      if (!row.path("expect_match").asBoolean(false) || row.path("desc_suggests_benign").asBoolean(false)) {
        continue;
      }
      if (row.path("paranoia_level").asInt(-1) != paranoiaLevel) {
        continue;
      }
      List<Input> inputs = new ArrayList<>();
      for (JsonNode arg : row.path("args")) {
        addArg(inputs, arg.get(0).asText(), arg.get(1).asText(), arg.get(2).asText());
      }
      samples.add(new Sample("crs " + row.path("rule_id").asText(), row.path("family").asText(), true, inputs));
    }
    return samples;
  }

  static List<Sample> libinjection(Path dir) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode row : lines(dir.resolve("libinjection-samples.jsonl"))) {
      boolean attack = "attack".equals(row.path("label").asText());
      samples.add(new Sample("libinjection " + row.path("source").asText(), row.path("family").asText(), attack,
          List.of(new Input(Source.QUERY, "q", row.path("decoded").asText()))));
    }
    return samples;
  }

  static List<Sample> httpParams(Path dir) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode row : lines(dir.resolve("httpparams-payloads.jsonl"))) {
      boolean attack = "attack".equals(row.path("label").asText());
      samples.add(new Sample("httpparams", row.path("family").asText(), attack,
          List.of(new Input(Source.QUERY, "q", row.path("payload").asText()))));
    }
    return samples;
  }

  /** The curated benign API values of {@code benign-api-values.txt}, each as a query, JSON and form value. */
  static List<Sample> curatedBenign() {
    List<Sample> samples = new ArrayList<>();
    try (InputStream in = DetectionCorpus.class.getResourceAsStream("benign-api-values.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String value = line.replace("\\n", "\n");
        samples.add(new Sample("curated", "benign", false,
            List.of(new Input(Source.QUERY, "q", value), new Input(Source.JSON, "text", value))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return samples;
  }

  private static void addArg(List<Input> inputs, String where, String name, String value) {
    switch (where) {
      case "query" -> inputs.add(new Input(Source.QUERY, name, value));
      case "cookie" -> inputs.add(new Input(Source.COOKIE, name, value));
      case "header" -> inputs.add(new Input(Source.HEADER, name.toLowerCase(java.util.Locale.ROOT), value));
      case "path" -> {
        for (String segment : value.split("/")) {
          if (!segment.isEmpty()) {
            inputs.add(new Input(Source.PATH, null, segment));
          }
        }
        inputs.add(new Input(Source.PATH, "", value));
      }
      case "body" -> addBody(inputs, name, value);
      default -> inputs.add(new Input(Source.QUERY, name, value));
    }
  }

  /** A raw body as the entry helper reads it: an XML document and its values, JSON strings, or form fields. */
  private static void addBody(List<Input> inputs, String name, String value) {
    if (!name.isEmpty()) {
      inputs.add(new Input(Source.FORM, name, value));
      return;
    }
    String trimmed = value.strip();
    if (trimmed.startsWith("<")) {
      inputs.add(new Input(Source.XML_DOCUMENT, null, value));
      for (String xmlValue : xmlValues(value)) {
        inputs.add(new Input(Source.XML, null, xmlValue));
      }
      return;
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode node = JSON.readTree(trimmed);
        addJson(inputs, null, node);
        return;
      } catch (IOException notJson) {
        // fall through: a form value
      }
    }
    inputs.add(new Input(Source.FORM, "", value));
    if (value.indexOf('=') > 0) {
      for (String pair : value.split("&")) {
        int eq = pair.indexOf('=');
        String n = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          inputs.add(new Input(Source.FORM, URLDecoder.decode(n, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException badEscape) {
          inputs.add(new Input(Source.FORM, n, v));
        }
      }
    }
  }

  private static void addJson(List<Input> inputs, String name, JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        inputs.add(new Input(Source.JSON, e.getKey(), "")); // the key itself, for NoSQL operators
        addJson(inputs, e.getKey(), e.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        addJson(inputs, name, element);
      }
    } else if (!node.isNull()) {
      inputs.add(new Input(Source.JSON, name, node.asText()));
    }
  }

  /** Attribute values and text of an XML document, entities left as they are (detectors decode). */
  static List<String> xmlValues(String xml) {
    List<String> values = new ArrayList<>();
    int i = 0;
    int n = xml.length();
    while (i < n) {
      int lt = xml.indexOf('<', i);
      String text = (lt < 0 ? xml.substring(i) : xml.substring(i, lt)).strip();
      if (!text.isEmpty()) {
        values.add(text);
      }
      if (lt < 0) {
        break;
      }
      int gt = xml.indexOf('>', lt);
      if (gt < 0) {
        break;
      }
      String tag = xml.substring(lt, gt);
      int q = 0;
      while ((q = indexOfQuote(tag, q)) >= 0) {
        char quote = tag.charAt(q);
        int close = tag.indexOf(quote, q + 1);
        if (close < 0) {
          break;
        }
        values.add(tag.substring(q + 1, close));
        q = close + 1;
      }
      i = gt + 1;
    }
    return values;
  }

  private static int indexOfQuote(String s, int from) {
    int a = s.indexOf('"', from);
    int b = s.indexOf('\'', from);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
