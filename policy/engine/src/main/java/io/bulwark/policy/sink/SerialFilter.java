package io.bulwark.policy.sink;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.policy.engine.SinkDecisions;
import java.io.ObjectInputFilter;

/**
 * The JVM-wide serialization filter (JEP 290): rejects the classes of known gadget chains and
 * streams deeper, wider or with more references than {@code protect.deserialization} allows. A
 * filter the JVM already had ({@code -Djdk.serialFilter}, or the application's) is asked first and
 * its rejection stands. Every rejection is audited; inside a request that the policy blocks, the
 * request is answered with the 403 and unwound, everywhere else the stream fails with the JDK's
 * {@code InvalidClassException}.
 */
public final class SerialFilter implements ObjectInputFilter {

  private final SinkEngine engine;
  /** The filter asked first: the JVM's before ours, or the one the application set after ours. */
  private volatile ObjectInputFilter previous;
  /** Whether {@link #previous} may still be taken from the application (nothing was set before ours). */
  private boolean open;

  SerialFilter(SinkEngine engine, ObjectInputFilter previous) {
    this.engine = engine;
    this.previous = previous;
    this.open = previous == null;
  }

  /**
   * Installs the filter for the whole JVM, composed with the one already set. Returns false when
   * the JVM refuses (a filter factory or a filter was set in a way that cannot be composed).
   *
   * <p>The JDK lets the JVM-wide filter be set once. An application that sets its own after ours
   * would fail where it did not without Bulwark; so {@code setSerialFilter} is advised
   * ({@link SinkHooks#onSerialFilterSet}): the first filter the application sets becomes the one
   * ours asks first, exactly as if the application had set it before Bulwark. A second one, or one
   * set while {@code -Djdk.serialFilter} was in force, fails as the JDK makes it fail.
   */
  public static boolean install(SinkEngine engine) {
    try {
      ObjectInputFilter existing = ObjectInputFilter.Config.getSerialFilter();
      SerialFilter filter = new SerialFilter(engine, existing);
      ObjectInputFilter.Config.setSerialFilter(filter);
      SinkHooks.onSerialFilterSet(filter::adopt);
      return true;
    } catch (IllegalStateException | SecurityException e) {
      AgentLog.warn("the JVM-wide deserialization filter could not be installed (" + e.getMessage()
          + "); deserialization is not checked");
      return false;
    }
  }

  /**
   * The application sets {@code app} as the JVM-wide filter: true when it is taken as the filter
   * ours asks first (the JDK's method is skipped), false to let the JDK's method run (and throw).
   */
  synchronized boolean adopt(Object app) {
    if (!open || !(app instanceof ObjectInputFilter) || app == this
        || ObjectInputFilter.Config.getSerialFilter() != this) {
      return false;
    }
    previous = (ObjectInputFilter) app;
    open = false;
    return true;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    ObjectInputFilter previous = this.previous;
    Status before = previous == null ? Status.UNDECIDED : previous.checkInput(info);
    if (before == Status.REJECTED) {
      return before;
    }
    if (SinkHooks.suspended()) {
      return before;
    }
    DeserializationSettings settings = engine.settings().deserialization;
    if (settings.action == SinkSettings.Action.OFF) {
      return before;
    }
    String reason = null;
    String evidence = null;
    Class<?> type = info.serialClass();
    while (type != null && type.isArray()) {
      type = type.getComponentType();
    }
    if (type != null && settings.denies(type.getName())) {
      reason = "deserialization.gadget";
      evidence = type.getName();
    } else if (info.depth() > settings.maxDepth) {
      reason = "deserialization.depth";
      evidence = "depth " + info.depth();
    } else if (info.arrayLength() > settings.maxArrayLength) {
      reason = "deserialization.array-length";
      evidence = "array length " + info.arrayLength();
    } else if (info.references() > settings.maxReferences) {
      reason = "deserialization.references";
      evidence = "references " + info.references();
    }
    if (reason == null) {
      return before;
    }
    Object context = SinkHooks.context();
    RequestInputs request = context instanceof RequestInputs ? (RequestInputs) context : null;
    SinkHooks.suspend();
    try {
      engine.record(settings.blocks ? "deny" : "monitor", request, "java.io.ObjectInputStream.readObject",
          "deserialization", reason, evidence, request == null ? null : "body");
    } finally {
      SinkHooks.resume();
    }
    if (!settings.blocks) {
      return before;
    }
    if (request != null) {
      SinkHooks.block(SinkDecisions.injection(request.requestId()));
    }
    return Status.REJECTED;
  }
}
