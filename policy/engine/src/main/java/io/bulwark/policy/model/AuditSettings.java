package io.bulwark.policy.model;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The policy's {@code audit:} section: where events go, which decisions are recorded, how the file
 * rotates, how the queue behaves when full, what is masked, and whether events are also handed to
 * the application's SLF4J. Immutable; see docs/policy.md for every key.
 */
public final class AuditSettings {

  /** Which request outcomes produce an audit event. */
  public enum Outcome { ALLOW, DENY, MONITOR, ERROR }

  public static final Path DEFAULT_FILE = Paths.get("bulwark-audit.jsonl");
  public static final Set<Outcome> DEFAULT_EVENTS =
      EnumSet.of(Outcome.DENY, Outcome.MONITOR, Outcome.ERROR);
  public static final long DEFAULT_MAX_FILE_SIZE = 100L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILES = 10;
  public static final int DEFAULT_QUEUE_SIZE = 16_384;
  public static final Duration DEFAULT_QUEUE_FULL_WAIT = Duration.ofSeconds(5);
  public static final AuditSettings DEFAULT = builder().build();

  private final Path file;
  private final EnumSet<Outcome> events = EnumSet.noneOf(Outcome.class);
  private final long maxFileSize;
  private final int maxFiles;
  private final int queueSize;
  private final Duration queueFullWait;
  private final List<String> redact;
  private final List<String> headers;
  private final boolean slf4j;

  public AuditSettings(Path file, Set<Outcome> events) {
    this(builder().file(file).events(events));
  }

  private AuditSettings(Builder builder) {
    this.file = builder.file;
    this.events.addAll(builder.events);
    this.maxFileSize = builder.maxFileSize;
    this.maxFiles = builder.maxFiles;
    this.queueSize = builder.queueSize;
    this.queueFullWait = builder.queueFullWait;
    this.redact = List.copyOf(builder.redact);
    this.headers = List.copyOf(builder.headers);
    this.slf4j = builder.slf4j;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JSON-lines file; relative paths are relative to the JVM's working directory. */
  public Path file() {
    return file;
  }

  public boolean records(Outcome outcome) {
    return events.contains(outcome);
  }

  public Set<Outcome> events() {
    return EnumSet.copyOf(events);
  }

  /** The size at which the file is rotated, in bytes; 0 never rotates. */
  public long maxFileSize() {
    return maxFileSize;
  }

  /** How many rotated files are kept; older ones are deleted. */
  public int maxFiles() {
    return maxFiles;
  }

  /** Events waiting for the writer thread, at most. */
  public int queueSize() {
    return queueSize;
  }

  /** How long a recording thread waits for room in a full queue before the event is counted lost. */
  public Duration queueFullWait() {
    return queueFullWait;
  }

  /** Header, parameter and JSON field names masked in events, besides the built-in credential names. */
  public List<String> redact() {
    return redact;
  }

  /** These settings with {@code names} masked too (credential parameters the policy names). */
  public AuditSettings withRedacted(java.util.Collection<String> names) {
    if (redact.containsAll(names)) {
      return this;
    }
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(redact);
    all.addAll(names);
    return builder().file(file).events(events).maxFileSize(maxFileSize).maxFiles(maxFiles)
        .queueSize(queueSize).queueFullWait(queueFullWait).redact(List.copyOf(all)).headers(headers)
        .slf4j(slf4j).build();
  }

  /** Request headers copied into request events ({@code http.request.headers}). */
  public List<String> headers() {
    return headers;
  }

  /** Whether events also go to the application's SLF4J logger {@code bulwark.audit}. */
  public boolean slf4j() {
    return slf4j;
  }

  /** Builds settings; every value starts at its documented default. */
  public static final class Builder {
    private Path file = DEFAULT_FILE;
    private Set<Outcome> events = DEFAULT_EVENTS;
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private int maxFiles = DEFAULT_MAX_FILES;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private Duration queueFullWait = DEFAULT_QUEUE_FULL_WAIT;
    private List<String> redact = List.of();
    private List<String> headers = List.of();
    private boolean slf4j;

    private Builder() {}

    public Builder file(Path value) {
      file = value;
      return this;
    }

    public Builder events(Set<Outcome> value) {
      events = value;
      return this;
    }

    public Builder maxFileSize(long bytes) {
      maxFileSize = bytes;
      return this;
    }

    public Builder maxFiles(int count) {
      maxFiles = count;
      return this;
    }

    public Builder queueSize(int events) {
      queueSize = events;
      return this;
    }

    public Builder queueFullWait(Duration wait) {
      queueFullWait = wait;
      return this;
    }

    public Builder redact(List<String> names) {
      redact = names;
      return this;
    }

    public Builder headers(List<String> names) {
      headers = names;
      return this;
    }

    public Builder slf4j(boolean enabled) {
      slf4j = enabled;
      return this;
    }

    public AuditSettings build() {
      return new AuditSettings(this);
    }
  }
}
