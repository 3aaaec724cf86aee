package io.bulwark.policy.engine;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.protect.Limits;
import io.bulwark.policy.protect.Protection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether and how the request's body is read. A body is read (once, at most {@code
 * limits.maxBodySize}, see {@link RequestView#body}) only when it is inspected (form, JSON, XML;
 * multipart only when {@code protect.inputs.multipart}), or when it is chunked and so only reading
 * can tell its size. A body whose {@code Content-Length} is over the limit is refused unread.
 * Requests without {@code Content-Length} and {@code Transfer-Encoding} have no body (RFC 9112).
 */
final class BodyRead {

  enum Kind { NONE, FORM, JSON, XML, MULTIPART, OTHER }

  static final BodyRead NONE = new BodyRead(Kind.NONE, null, -1, null, StandardCharsets.UTF_8, false);

  final Kind kind;
  /** The bytes read, or {@code null} when the body was not read. */
  final byte[] bytes;
  final long declaredLength;
  /** The media type, lower case, without parameters. */
  final String mediaType;
  final Charset charset;
  /** The Content-Type header as sent (for a multipart body's boundary). */
  final String contentType;
  /** More than {@code limits.maxBodySize}, by Content-Length or by what was read. */
  final boolean tooLarge;

  private BodyRead(Kind kind, byte[] bytes, long declaredLength, String mediaType, Charset charset, boolean tooLarge) {
    this(kind, bytes, declaredLength, mediaType, charset, tooLarge, null);
  }

  private BodyRead(Kind kind, byte[] bytes, long declaredLength, String mediaType, Charset charset, boolean tooLarge,
      String contentType) {
    this.contentType = contentType;
    this.kind = kind;
    this.bytes = bytes;
    this.declaredLength = declaredLength;
    this.mediaType = mediaType;
    this.charset = charset;
    this.tooLarge = tooLarge;
  }

  /** The length of the body as read or declared, or -1 when neither is known. */
  long length() {
    return bytes != null ? bytes.length : declaredLength;
  }

  static BodyRead of(RequestView request, Protection protection, Limits limits) {
    String contentLength = request.header("Content-Length");
    String transferEncoding = request.header("Transfer-Encoding");
    if (contentLength == null && transferEncoding == null) {
      return NONE;
    }
    long declared = transferEncoding == null ? parseLength(contentLength) : -1;
    if (declared == 0) {
      return NONE;
    }
    String contentType = request.header("Content-Type");
    String mediaType = mediaType(contentType);
    Kind kind = kind(mediaType);
    Charset charset = charset(contentType);
    if (kind == Kind.MULTIPART && !protection.inputs().multipart()) {
      return new BodyRead(kind, null, declared, mediaType, charset, false); // reaches the application unread
    }
    long max = limits.maxBodySize();
    if (declared > max) {
      return new BodyRead(kind, null, declared, mediaType, charset, true);
    }
    if (kind == Kind.JSON && declared > limits.maxJsonSize()) {
      return new BodyRead(kind, null, declared, mediaType, charset, false); // refused by its size, unread
    }
    boolean inspected = kind != Kind.OTHER && !protection.inspected().isEmpty();
    if (!inspected && declared >= 0) {
      return new BodyRead(kind, null, declared, mediaType, charset, false); // its size is known and allowed
    }
    byte[] bytes = request.body((int) Math.min(max, Integer.MAX_VALUE - 16));
    if (bytes == null) {
      return new BodyRead(kind, null, declared, mediaType, charset, false); // this server cannot replay a body
    }
    return new BodyRead(kind, bytes, declared, mediaType, charset, bytes.length > max, contentType);
  }

  private static long parseLength(String value) {
    String digits = value.trim();
    if (digits.isEmpty() || digits.length() > 18) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(digits);
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  static Kind kind(String mediaType) {
    if (mediaType.equals("application/x-www-form-urlencoded")) {
      return Kind.FORM;
    }
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      return Kind.JSON;
    }
    if (mediaType.equals("application/xml") || mediaType.equals("text/xml") || mediaType.endsWith("+xml")) {
      return Kind.XML;
    }
    if (mediaType.startsWith("multipart/")) {
      return Kind.MULTIPART;
    }
    return Kind.OTHER;
  }

  /** The {@code charset} parameter, else UTF-8 (what JSON is, and what attackers' forms are in practice). */
  static Charset charset(String contentType) {
    if (contentType != null) {
      String lower = contentType.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("charset=");
      if (at >= 0) {
        int end = lower.indexOf(';', at);
        String name = lower.substring(at + 8, end < 0 ? lower.length() : end).trim().replace("\"", "");
        // Only the standard charsets: a client-chosen name must not send the JVM looking for providers.
        switch (name) {
          case "iso-8859-1":
          case "latin1":
            return StandardCharsets.ISO_8859_1;
          case "us-ascii":
            return StandardCharsets.US_ASCII;
          case "utf-16":
            return StandardCharsets.UTF_16;
          case "utf-16be":
            return StandardCharsets.UTF_16BE;
          case "utf-16le":
            return StandardCharsets.UTF_16LE;
          default:
            return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
