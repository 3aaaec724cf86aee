package io.bulwark.policy.protect;

import java.util.Objects;

/**
 * {@code limits:}: how big a request may be before Bulwark refuses it without the application
 * seeing it. Body over {@link #maxBodySize}: 413; JSON deeper than {@link #maxJsonDepth} or with
 * more than {@link #maxParameters} parameters: 400; JSON over {@link #maxJsonSize}: 413; more than
 * {@link #maxHeaders} header lines: 431. Immutable.
 */
public final class Limits {

  public static final long DEFAULT_MAX_BODY_SIZE = 1 << 20;
  public static final int DEFAULT_MAX_JSON_DEPTH = 64;
  public static final long DEFAULT_MAX_JSON_SIZE = 1 << 20;
  public static final int DEFAULT_MAX_PARAMETERS = 1000;
  public static final int DEFAULT_MAX_HEADERS = 100;
  public static final Limits DEFAULT = new Limits(DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_JSON_DEPTH,
      DEFAULT_MAX_JSON_SIZE, DEFAULT_MAX_PARAMETERS, DEFAULT_MAX_HEADERS);

  private final long maxBodySize;
  private final int maxJsonDepth;
  private final long maxJsonSize;
  private final int maxParameters;
  private final int maxHeaders;

  public Limits(long maxBodySize, int maxJsonDepth, long maxJsonSize, int maxParameters, int maxHeaders) {
    this.maxBodySize = maxBodySize;
    this.maxJsonDepth = maxJsonDepth;
    this.maxJsonSize = maxJsonSize;
    this.maxParameters = maxParameters;
    this.maxHeaders = maxHeaders;
  }

  /** Bytes of a request body at most (multipart bodies only when they are inspected). */
  public long maxBodySize() {
    return maxBodySize;
  }

  /** Nesting of JSON objects and arrays at most. */
  public int maxJsonDepth() {
    return maxJsonDepth;
  }

  /** Bytes of a JSON body at most. */
  public long maxJsonSize() {
    return maxJsonSize;
  }

  /** Query and form parameters together at most. */
  public int maxParameters() {
    return maxParameters;
  }

  /** Header lines at most. */
  public int maxHeaders() {
    return maxHeaders;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Limits)) {
      return false;
    }
    Limits that = (Limits) other;
    return maxBodySize == that.maxBodySize && maxJsonDepth == that.maxJsonDepth && maxJsonSize == that.maxJsonSize
        && maxParameters == that.maxParameters && maxHeaders == that.maxHeaders;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxBodySize, maxJsonDepth, maxJsonSize, maxParameters, maxHeaders);
  }
}
