package io.bulwark.policy.protect;

import java.util.List;
import java.util.Objects;

/**
 * {@code protect.deserialization}: Java deserialization filtering of what the application reads
 * from an {@code ObjectInputStream} while it serves a request. A class is denied when a pattern
 * names it exactly or, for a pattern ending in {@code .*}, when its package starts with it (the
 * package and its subpackages).
 */
public final class DeserializationSettings {

  public static final int DEFAULT_MAX_DEPTH = 100;
  public static final int DEFAULT_MAX_ARRAY_LENGTH = 100_000;
  public static final long DEFAULT_MAX_REFERENCES = 1_000_000;
  public static final DeserializationSettings DEFAULT = new DeserializationSettings(ProtectAction.BLOCK, List.of(),
      DEFAULT_MAX_DEPTH, DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_REFERENCES);

  private final ProtectAction action;
  private final List<String> denyClasses;
  private final int maxDepth;
  private final int maxArrayLength;
  private final long maxReferences;

  public DeserializationSettings(ProtectAction action, List<String> denyClasses, int maxDepth, int maxArrayLength,
      long maxReferences) {
    this.action = Objects.requireNonNull(action, "action");
    this.denyClasses = List.copyOf(denyClasses);
    this.maxDepth = maxDepth;
    this.maxArrayLength = maxArrayLength;
    this.maxReferences = maxReferences;
  }

  public ProtectAction action() {
    return action;
  }

  /** The policy's own class patterns, besides the gadget classes the sink check always denies. */
  public List<String> denyClasses() {
    return denyClasses;
  }

  /** Whether one of {@link #denyClasses} names {@code className}. */
  public boolean denies(String className) {
    for (String pattern : denyClasses) {
      if (pattern.endsWith(".*") ? className.startsWith(pattern.substring(0, pattern.length() - 1))
          : pattern.equals(className)) {
        return true;
      }
    }
    return false;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public int maxArrayLength() {
    return maxArrayLength;
  }

  public long maxReferences() {
    return maxReferences;
  }

  DeserializationSettings withAction(ProtectAction newAction) {
    return new DeserializationSettings(newAction, denyClasses, maxDepth, maxArrayLength, maxReferences);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeserializationSettings)) {
      return false;
    }
    DeserializationSettings that = (DeserializationSettings) other;
    return action == that.action && denyClasses.equals(that.denyClasses) && maxDepth == that.maxDepth
        && maxArrayLength == that.maxArrayLength && maxReferences == that.maxReferences;
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, denyClasses, maxDepth, maxArrayLength, maxReferences);
  }
}
