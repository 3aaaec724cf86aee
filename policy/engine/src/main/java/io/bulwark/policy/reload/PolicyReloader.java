package io.bulwark.policy.reload;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.audit.SwitchingAuditLog;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.load.Problem;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Applies changes of the policy file to a running engine. {@link #check} is called periodically
 * from one thread (the agent's watcher); it looks at the file's size, time and real path (which a
 * Kubernetes ConfigMap update changes through its symlinks), and reads and hashes the content when
 * they changed and have stayed put for one check (so a file being written is not read half-way),
 * and every {@link #CONTENT_CHECK_EVERY} checks regardless (a rewrite within the file system's
 * time resolution keeps size and time).
 *
 * <p>A valid new content replaces the policy and is audited as {@code policy-reload}; an invalid
 * one (or a missing file) keeps the current policy, is logged with every problem and audited once
 * as {@code policy-reject}. Both events carry the content's SHA-256.
 */
public final class PolicyReloader {

  static final int CONTENT_CHECK_EVERY = 16;

  /** What one check did. */
  public enum Outcome { UNCHANGED, WAITING, RELOADED, REJECTED }

  private final Path file;
  private final BulwarkEngine engine;
  private final SwitchingAuditLog audit;
  private final String agentVersion;

  private Signature seen;
  private Signature settled;
  private String settledContent; // sha256 of the last content handled (applied or rejected)
  private int checks;

  /**
   * Takes the file as it is now as handled: the engine's policy was loaded from it, or (when that
   * failed and the built-in policy applies) its problems were reported at start-up.
   */
  public PolicyReloader(Path file, BulwarkEngine engine, SwitchingAuditLog audit, String agentVersion) {
    this.file = file;
    this.engine = engine;
    this.audit = audit;
    this.agentVersion = agentVersion;
    this.seen = Signature.of(file);
    this.settled = seen;
    this.settledContent = contentSha(file);
  }

  public Path file() {
    return file;
  }

  /** Looks at the file once and applies or rejects a changed content. */
  public Outcome check() {
    checks++;
    Signature now = Signature.of(file);
    if (!now.equals(seen)) {
      seen = now;
      return Outcome.WAITING; // act when it has stayed like this for one more check
    }
    if (now.equals(settled) && checks % CONTENT_CHECK_EVERY != 0) {
      return Outcome.UNCHANGED;
    }
    settled = now;
    return now.missing ? missing() : read();
  }

  private Outcome read() {
    byte[] bytes;
    try {
      bytes = PolicyLoader.read(file);
    } catch (PolicyException e) {
      String unreadable = "unreadable: " + e.getMessage();
      if (unreadable.equals(settledContent)) {
        return Outcome.UNCHANGED; // reported already
      }
      settledContent = unreadable;
      return reject(null, e.problems());
    }
    String sha = PolicyLoader.sha256(bytes);
    if (sha.equals(settledContent) || sha.equals(engine.policy().sha256())) {
      settledContent = sha;
      return Outcome.UNCHANGED;
    }
    settledContent = sha;
    try {
      return apply(PolicyLoader.load(bytes, file.toString()));
    } catch (PolicyException e) {
      return reject(sha, e.problems());
    }
  }

  private Outcome missing() {
    if (settledContent == null) {
      return Outcome.UNCHANGED; // reported already
    }
    settledContent = null;
    return reject(null, List.of(new Problem(new SourceLocation(file.toString(), 0, 0),
        "cannot read the policy file: no such file")));
  }

  private Outcome apply(Policy next) {
    Policy previous = engine.policy();
    engine.replace(next);
    String message = "policy reloaded: " + next.rules().size() + " rules, mode "
        + next.mode().keyword() + ", default "
        + next.defaultAction().name().toLowerCase(Locale.ROOT);
    boolean moved = !next.audit().file().equals(audit.file());
    audit.follow(next.audit(),
        reloadEvent(next, previous, moved ? message + "; the audit continues in " + next.audit().file() : message),
        reloadEvent(next, previous, message + "; the audit continues here from " + audit.file()));
    AgentLog.info(message + " from " + file + " (sha256 " + next.sha256() + ")");
    return Outcome.RELOADED;
  }

  private AuditEvent reloadEvent(Policy next, Policy previous, String message) {
    return AuditEvent.of("policy-reload")
        .with(AuditField.EVENT_MODE, next.mode().keyword())
        .with(AuditField.MESSAGE, message)
        .with(AuditField.BULWARK_POLICY_SOURCE, next.source())
        .with(AuditField.BULWARK_POLICY_SHA256, next.sha256())
        .with(AuditField.BULWARK_POLICY_PREVIOUS_SHA256, previous.sha256())
        .with(AuditField.BULWARK_VERSION, agentVersion);
  }

  private Outcome reject(String sha, List<Problem> problems) {
    Policy kept = engine.policy();
    StringBuilder log = new StringBuilder("the changed policy ").append(file).append(" cannot be used (")
        .append(problems.size()).append(" problem(s)):");
    for (Problem problem : problems) {
      log.append("\n  ").append(problem);
    }
    log.append("\n  -> the current policy (sha256 ").append(kept.sha256()).append(") stays in force");
    AgentLog.error(log.toString(), null);
    audit.record(AuditEvent.of("policy-reject")
        .with(AuditField.EVENT_MODE, kept.mode().keyword())
        .with(AuditField.MESSAGE, problems.size() + " problem(s), the current policy stays in force; first: "
            + problems.get(0))
        .with(AuditField.BULWARK_POLICY_SOURCE, file.toString())
        .with(AuditField.BULWARK_POLICY_SHA256, sha)
        .with(AuditField.BULWARK_POLICY_PREVIOUS_SHA256, kept.sha256())
        .with(AuditField.BULWARK_VERSION, agentVersion));
    return Outcome.REJECTED;
  }

  private static String contentSha(Path file) {
    try {
      return PolicyLoader.sha256(PolicyLoader.read(file));
    } catch (PolicyException e) {
      return null;
    }
  }

  /** What a cheap look at the file shows: enough to notice nearly every change without reading it. */
  private static final class Signature {
    private final boolean missing;
    private final long size;
    private final long modified;
    private final String realPath;

    private Signature(boolean missing, long size, long modified, String realPath) {
      this.missing = missing;
      this.size = size;
      this.modified = modified;
      this.realPath = realPath;
    }

    static Signature of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String real = file.toRealPath().toString();
        return new Signature(false, attributes.size(), attributes.lastModifiedTime().toMillis(), real);
      } catch (NoSuchFileException e) {
        return new Signature(true, -1, -1, null);
      } catch (IOException e) {
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        return new Signature(!exists, -2, -2, e.getClass().getName());
      }
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Signature)) {
        return false;
      }
      Signature that = (Signature) other;
      return missing == that.missing && size == that.size && modified == that.modified
          && Objects.equals(realPath, that.realPath);
    }

    @Override
    public int hashCode() {
      return Objects.hash(missing, size, modified, realPath);
    }
  }
}
