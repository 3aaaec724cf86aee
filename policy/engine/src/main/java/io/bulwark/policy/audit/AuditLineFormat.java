package io.bulwark.policy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Formats an event as one JSON line, nesting dotted field names into objects, masking secrets
 * ({@link Redactor}) and sealing it into the hash chain ({@link AuditChain}). Every non-ASCII and
 * control character is escaped, so a line is always exactly one line of plain ASCII that no log
 * viewer or terminal can be tricked by. Not thread-safe: one instance per writer thread.
 */
final class AuditLineFormat {

  /** Free text is cut to this many characters (after masking, before escaping). */
  static final int MAX_STRING = 2048;
  /** Evidence (a snippet of attacker input) is cut shorter: enough to recognise, too short to abuse. */
  static final int MAX_EVIDENCE = 256;

  /** Values Bulwark itself produces: never masked (masking could only corrupt them). */
  private static final Set<AuditField> OWN_VALUES = EnumSet.of(AuditField.TIMESTAMP,
      AuditField.EVENT_ACTION, AuditField.EVENT_MODE, AuditField.HTTP_REQUEST_ID,
      AuditField.BULWARK_POLICY_SHA256, AuditField.BULWARK_PREV, AuditField.BULWARK_HASH);

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private final JsonFactory factory = AsciiJson.factory();
  private final LineBuffer buffer = new LineBuffer();
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
  byte[] format(AuditEvent event) throws IOException {
    Redactor masks = redactor;
    buffer.reset();
    try (JsonGenerator json = factory.createGenerator(buffer)) {
      json.writeStartObject();
      String[] open = new String[0];
      for (Map.Entry<AuditField, Object> entry : event.values().entrySet()) {
        AuditField field = entry.getKey();
        String[] path = field.path();
        int common = 0;
        while (common < open.length && common < path.length - 1 && open[common].equals(path[common])) {
          common++;
        }
        for (int i = open.length; i > common; i--) {
          json.writeEndObject();
        }
        for (int i = common; i < path.length - 1; i++) {
          json.writeObjectFieldStart(path[i]);
        }
        open = Arrays.copyOf(path, path.length - 1);
        json.writeFieldName(path[path.length - 1]);
        writeValue(json, entry.getValue(), OWN_VALUES.contains(field) ? null : masks, limit(field));
      }
      for (int i = open.length; i > 0; i--) {
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    return chain.seal(bufferBytes(), buffer.size(), hash);
  }

  private byte[] bufferBytes() {
    return buffer.bytes();
  }

  private static int limit(AuditField field) {
    return field.fieldName().endsWith(".evidence") ? MAX_EVIDENCE : MAX_STRING;
  }

  private static void writeValue(JsonGenerator json, Object value, Redactor masks, int limit) throws IOException {
    if (value instanceof Instant) {
      json.writeString(MICROS.format((Instant) value));
    } else if (value instanceof Integer || value instanceof Long) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof Collection) {
      json.writeStartArray();
      for (Object item : (Collection<?>) value) {
        writeValue(json, item, masks, limit);
      }
      json.writeEndArray();
    } else if (value instanceof Map) {
      // Header-like name/value pairs: a sensitive name masks its whole value.
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        String name = truncate(String.valueOf(entry.getKey()), 128);
        json.writeFieldName(name);
        String text = String.valueOf(entry.getValue());
        json.writeString(truncate(masks == null ? text : masks.header(name, text), limit));
      }
      json.writeEndObject();
    } else {
      String text = String.valueOf(value);
      json.writeString(truncate(masks == null ? text : masks.text(text), limit));
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

  /** Lets the chain hash the formatted bytes in place instead of copying them first. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(512);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
