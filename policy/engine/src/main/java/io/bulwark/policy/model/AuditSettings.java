package io.bulwark.policy.model;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.Set;

/** Where audit events go and which decisions are recorded. */
public final class AuditSettings {

  /** Which request outcomes produce an audit event. */
  public enum Outcome { ALLOW, DENY, MONITOR, ERROR }

  public static final Path DEFAULT_FILE = Paths.get("bulwark-audit.jsonl");
  public static final Set<Outcome> DEFAULT_EVENTS =
      EnumSet.of(Outcome.DENY, Outcome.MONITOR, Outcome.ERROR);
  public static final AuditSettings DEFAULT = new AuditSettings(DEFAULT_FILE, DEFAULT_EVENTS);

  private final Path file;
  private final EnumSet<Outcome> events = EnumSet.noneOf(Outcome.class);

  public AuditSettings(Path file, Set<Outcome> events) {
    this.file = file;
    this.events.addAll(events);
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
}
