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
  private final ObjectInputFilter previous;

  SerialFilter(SinkEngine engine, ObjectInputFilter previous) {
    this.engine = engine;
    this.previous = previous;
  }

  /**
   * Installs the filter for the whole JVM, composed with the one already set. Returns false when
   * the JVM refuses (a filter factory or a filter was set in a way that cannot be composed).
   */
  public static boolean install(SinkEngine engine) {
    try {
      ObjectInputFilter existing = ObjectInputFilter.Config.getSerialFilter();
      ObjectInputFilter.Config.setSerialFilter(new SerialFilter(engine, existing));
      return true;
    } catch (IllegalStateException | SecurityException e) {
      AgentLog.warn("the JVM-wide deserialization filter could not be installed (" + e.getMessage()
          + "); deserialization is not checked");
      return false;
    }
  }

  @Override
  public Status checkInput(FilterInfo info) {
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
