package io.bulwark.policy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.Map;

/**
 * Formats an event as one JSON line, nesting dotted field names into objects. Every non-ASCII and
 * control character is escaped, so a line is always exactly one line of plain ASCII that no log
 * viewer or terminal can be tricked by. Not thread-safe: one instance per writer thread.
 */
final class AuditLineFormat {

  /** Evidence and other free text are cut to this many characters before escaping. */
  static final int MAX_STRING = 2048;

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private final JsonFactory factory = new JsonFactoryBuilder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .characterEscapes(new EscapeDelete())
      .build();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

  byte[] format(AuditEvent event) throws IOException {
    buffer.reset();
    try (JsonGenerator json = factory.createGenerator(buffer)) {
      json.writeStartObject();
      String[] open = new String[0];
      for (Map.Entry<AuditField, Object> entry : event.values().entrySet()) {
        String[] path = entry.getKey().path();
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
        open = java.util.Arrays.copyOf(path, path.length - 1);
        json.writeFieldName(path[path.length - 1]);
        writeValue(json, entry.getValue());
      }
      for (int i = open.length; i > 0; i--) {
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    buffer.write('\n');
    return buffer.toByteArray();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Instant) {
      json.writeString(MICROS.format((Instant) value));
    } else if (value instanceof Integer || value instanceof Long) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof Collection) {
      json.writeStartArray();
      for (Object item : (Collection<?>) value) {
        writeValue(json, item);
      }
      json.writeEndArray();
    } else {
      json.writeString(truncate(String.valueOf(value)));
    }
  }

  static String truncate(String text) {
    if (text.length() <= MAX_STRING) {
      return text;
    }
    // Never cut a surrogate pair in half: a lone surrogate is not a character, and strict readers refuse it.
    int cut = Character.isHighSurrogate(text.charAt(MAX_STRING - 1)) ? MAX_STRING - 1 : MAX_STRING;
    return text.substring(0, cut) + "...[truncated]";
  }

  /** JSON leaves DEL (0x7f) unescaped; it is a control character, so escape it like the others. */
  private static final class EscapeDelete extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii = standardAsciiEscapesForJSON();

    EscapeDelete() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
