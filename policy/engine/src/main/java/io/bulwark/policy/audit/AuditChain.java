package io.bulwark.policy.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain that makes the audit trail tamper-evident. Every line carries {@code bulwark.seq}
 * (1, 2, 3... across rotated files and restarts), {@code bulwark.prev} (the previous line's hash, 64
 * zeros for the very first line) and {@code bulwark.hash}: the SHA-256, in hex, of the line's own
 * bytes as written, with the hash value itself left empty ({@code "hash":""}), without the newline.
 *
 * <p>Because {@code prev} is inside what is hashed, editing, removing or reordering any line breaks
 * the chain at that line. Anyone can recompute it: this is evidence of accidental or partial
 * tampering, not a signature; ship the log off the host for stronger guarantees (docs/audit.md).
 * Not thread-safe: one instance per thread.
 */
public final class AuditChain {

  /** The schema version written in every event as {@code bulwark.schema_version}. */
  public static final int SCHEMA_VERSION = 1;
  /** {@code prev} of the first line ever written. */
  public static final String GENESIS = "0".repeat(64);

  private static final byte[] EMPTY_HASH = "\"hash\":\"\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha256;
  /** The hex digits of the last hash sealed, reused: one array per writer, not per line. */
  private final byte[] hexBytes = new byte[64];

  public AuditChain() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The length of a line of {@code length} bytes once sealed: its hash and a newline added. */
  static int sealedLength(int length) {
    return length + 64 + 1;
  }

  /**
   * Fills in the hash of a formatted line whose {@code bulwark.hash} is still empty, writing the
   * sealed line ({@link #sealedLength} bytes, newline included) straight to {@code out} (the
   * writer's batch), without a copy of the line. Returns the hash.
   */
  String sealInto(byte[] line, int length, java.io.ByteArrayOutputStream out) {
    int at = lastIndexOf(line, length, EMPTY_HASH);
    if (at < 0) {
      throw new IllegalStateException("the line has no empty bulwark.hash to fill in");
    }
    sha256.update(line, 0, length);
    byte[] hexDigits = hexBytes;
    hexInto(sha256.digest(), hexDigits);
    int insert = at + EMPTY_HASH.length - 1;
    out.write(line, 0, insert);
    out.write(hexDigits, 0, 64);
    out.write(line, insert, length - insert);
    out.write('\n');
    return new String(hexDigits, 0, 64, StandardCharsets.US_ASCII);
  }

  /**
   * The hash a written line should carry, recomputed from its text; {@code null} when the line has
   * no {@code "hash":"<stored>"} to take out.
   */
  public String recompute(String line, String storedHash) {
    String field = "\"hash\":\"" + storedHash + "\"";
    int at = line.lastIndexOf(field);
    if (at < 0) {
      return null;
    }
    String unsealed = line.substring(0, at) + "\"hash\":\"\"" + line.substring(at + field.length());
    return hex(sha256.digest(unsealed.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** A hash as written in the file: 64 lower-case hex digits. */
  public static boolean isHash(String text) {
    if (text == null || text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static int lastIndexOf(byte[] bytes, int length, byte[] pattern) {
    outer:
    for (int i = length - pattern.length; i >= 0; i--) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String hex(byte[] digest) {
    byte[] out = new byte[digest.length * 2];
    hexInto(digest, out);
    return new String(out, StandardCharsets.US_ASCII);
  }

  private static void hexInto(byte[] digest, byte[] out) {
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
  }
}
