package io.bulwark.policy.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Formats an event as one JSON line, nesting dotted field names into objects, masking secrets
 * ({@link Redactor}) and sealing it into the hash chain ({@link AuditChain}). Every non-ASCII and
 * control character is escaped ({@link AsciiJsonWriter}), so a line is always exactly one line of plain ASCII
 * that no log viewer or terminal can be tricked by. Not thread-safe: one instance per writer thread.
 */
final class AuditLineFormat {

  /** Free text is cut to this many characters (after masking, before escaping). */
  static final int MAX_STRING = 2048;
  /** Evidence (a snippet of attacker input) is cut shorter: enough to recognise, too short to abuse. */
  static final int MAX_EVIDENCE = 256;

  /**
   * Values Bulwark itself produces or takes from the policy (codes, names, hashes): never masked,
   * since masking could only corrupt them, and scanning them for secrets costs every line.
   */
  private static final Set<AuditField> OWN_VALUES = EnumSet.of(AuditField.TIMESTAMP,
      AuditField.EVENT_ACTION, AuditField.EVENT_REASON, AuditField.EVENT_RULE, AuditField.EVENT_MODE,
      AuditField.HTTP_REQUEST_ID, AuditField.BULWARK_AUTH_SCHEME, AuditField.THREAT_TECHNIQUE,
      AuditField.THREAT_REASON, AuditField.THREAT_LAYER, AuditField.BULWARK_RATELIMIT_KEY,
      AuditField.BULWARK_VERSION, AuditField.BULWARK_POLICY_SHA256,
      AuditField.BULWARK_POLICY_PREVIOUS_SHA256, AuditField.BULWARK_PREV, AuditField.BULWARK_HASH);

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private static final String[] NO_PATH = new String[0];

  /** Each field's path segments as {@code "segment":}, by field ordinal: encoded once, not per line. */
  private static final byte[][][] ENCODED_PATHS = encodedPaths();

  private final AsciiJsonWriter json = new AsciiJsonWriter();
  private final Timestamps timestamps = new Timestamps();
  private final AuditChain chain = new AuditChain();
  private final String[] hash = new String[1];
  private volatile Redactor redactor;

  AuditLineFormat(Redactor redactor) {
    this.redactor = redactor;
  }

  AuditLineFormat() {
    this(Redactor.CREDENTIALS);
  }

  void redactWith(Redactor next) {
    redactor = next;
  }

  /** The hash of the line {@link #format} returned last. */
  String lastHash() {
    return hash[0];
  }

  /** The event's line, newline included; its prev and seq must be set ({@link AuditEvent#link}). */
  byte[] format(AuditEvent event) {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(prepare(event));
    writeTo(line);
    return line.toByteArray();
  }

  /**
   * Formats the event, not yet sealed: returns the length its sealed line will have. {@link
   * #writeTo} then seals it into the writer's batch (the length decides first whether the file
   * must rotate before it).
   */
  int prepare(AuditEvent event) {
    Redactor masks = redactor;
    AsciiJsonWriter json = this.json;
    json.reset();
    json.startObject();
    String[] open = NO_PATH; // the objects open are open[0 .. openDepth)
    int openDepth = 0;
    AuditField[] fields = AuditEvent.FIELDS;
    for (int f = 0; f < fields.length; f++) {
      Object value = event.valueAt(f);
      if (value == null) {
        continue;
      }
      AuditField field = fields[f];
      String[] path = field.path();
      int common = 0;
      while (common < openDepth && common < path.length - 1 && open[common].equals(path[common])) {
        common++;
      }
      for (int i = openDepth; i > common; i--) {
        json.endObject();
      }
      byte[][] names = ENCODED_PATHS[f];
      for (int i = common; i < path.length - 1; i++) {
        json.name(names[i]);
        json.startObject();
      }
      open = path;
      openDepth = path.length - 1;
      json.name(names[path.length - 1]);
      if (value instanceof Instant) {
        timestamps.write(json, (Instant) value);
      } else {
        writeValue(json, value, OWN_VALUES.contains(field) ? null : masks, limit(field));
      }
    }
    for (int i = openDepth; i > 0; i--) {
      json.endObject();
    }
    json.endObject();
    return AuditChain.sealedLength(json.size());
  }

  private static byte[][][] encodedPaths() {
    AuditField[] fields = AuditEvent.FIELDS;
    byte[][][] encoded = new byte[fields.length][][];
    for (int f = 0; f < fields.length; f++) {
      String[] path = fields[f].path();
      encoded[f] = new byte[path.length][];
      for (int i = 0; i < path.length; i++) {
        encoded[f][i] = AsciiJsonWriter.encodedName(path[i]);
      }
    }
    return encoded;
  }

  /** Seals the line {@link #prepare} formatted and appends it, newline included, to {@code out}. */
  void writeTo(java.io.ByteArrayOutputStream out) {
    hash[0] = chain.sealInto(json.bytes(), json.size(), out);
  }

  private static int limit(AuditField field) {
    return field == AuditField.THREAT_EVIDENCE ? MAX_EVIDENCE : MAX_STRING;
  }

  private static void writeValue(AsciiJsonWriter json, Object value, Redactor masks, int limit) {
    if (value instanceof String) {
      String text = (String) value;
      json.string(truncate(masks == null ? text : masks.text(text), limit));
    } else if (value instanceof Instant) {
      json.string(MICROS.format((Instant) value));
    } else if (value instanceof Integer || value instanceof Long) {
      json.number(((Number) value).longValue());
    } else if (value instanceof Boolean) {
      json.bool((Boolean) value);
    } else if (value instanceof Collection) {
      json.startArray();
      for (Object item : (Collection<?>) value) {
        writeValue(json, item, masks, limit);
      }
      json.endArray();
    } else if (value instanceof Map) {
      // Header-like name/value pairs: a sensitive name masks its whole value.
      json.startObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        String name = truncate(String.valueOf(entry.getKey()), 128);
        json.name(name);
        String text = String.valueOf(entry.getValue());
        json.string(truncate(masks == null ? text : masks.header(name, text), limit));
      }
      json.endObject();
    } else {
      String text = String.valueOf(value);
      json.string(truncate(masks == null ? text : masks.text(text), limit));
    }
  }

  static String truncate(String text) {
    return truncate(text, MAX_STRING);
  }

  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    // Never cut a surrogate pair in half: a lone surrogate is not a character, and strict readers refuse it.
    int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, cut) + "...[truncated]";
  }

  /**
   * Instants as {@code 2026-12-02T07:19:09.518863Z}, the date and time of day formatted once per
   * second: most lines of a busy second share them, and the formatter is a measurable part of a line.
   */
  private static final class Timestamps {
    private long second = Long.MIN_VALUE;
    private byte[] prefix;

    void write(AsciiJsonWriter json, Instant time) {
      long epochSecond = time.getEpochSecond();
      if (epochSecond != second) {
        String whole = MICROS.format(Instant.ofEpochSecond(epochSecond)); // ...:09.000000Z
        prefix = whole.substring(0, whole.length() - 7).getBytes(StandardCharsets.US_ASCII);
        second = epochSecond;
      }
      json.timestamp(prefix, time.getNano() / 1000);
    }
  }
}
