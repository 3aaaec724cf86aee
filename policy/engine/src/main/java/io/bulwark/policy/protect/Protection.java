package io.bulwark.policy.protect;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.HostPattern;
import io.bulwark.policy.model.Rule;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code protect:}: what Bulwark does about each kind of injection, which inputs it inspects, and
 * where it does not look. Immutable; read by the entry-point inspection and by the sink checks.
 * {@code mode: monitor} is already applied: no action here is {@code BLOCK} in a monitoring policy.
 */
public final class Protection {

  /** Blocked unless the policy says otherwise: the categories where a false positive is rare. */
  private static final Set<Category> BLOCKED_BY_DEFAULT = EnumSet.of(Category.SQL_INJECTION,
      Category.COMMAND_INJECTION, Category.PATH_TRAVERSAL, Category.JNDI, Category.XXE);

  public static final Protection DEFAULT = builder().build();

  private final Map<Category, ProtectAction> actions;
  private final Set<Category> inspected;
  /** One view for every caller: detectors keep their plan for the set they last saw, by identity. */
  private final Set<Category> inspectedView;
  private final List<HostPattern> ssrfAllowHosts;
  private final ProcessStart processStart;
  private final boolean xxeHarden;
  private final DeserializationSettings deserialization;
  private final Inputs inputs;
  private final List<Exclusion> exclusions;

  private Protection(Builder builder) {
    this.actions = new EnumMap<>(builder.actions);
    EnumSet<Category> on = EnumSet.noneOf(Category.class);
    actions.forEach((category, action) -> {
      if (action != ProtectAction.OFF) {
        on.add(category);
      }
    });
    this.inspected = on;
    this.inspectedView = java.util.Collections.unmodifiableSet(on);
    this.ssrfAllowHosts = List.copyOf(builder.ssrfAllowHosts);
    this.processStart = builder.processStart;
    this.xxeHarden = builder.xxeHarden;
    this.deserialization = builder.deserialization;
    this.inputs = builder.inputs;
    this.exclusions = List.copyOf(builder.exclusions);
  }

  /** Every setting at its default (see {@link #defaultAction}). */
  public static Builder builder() {
    return new Builder();
  }

  /** What a policy without a setting for {@code category} does: block or monitor. */
  public static ProtectAction defaultAction(Category category) {
    return BLOCKED_BY_DEFAULT.contains(category) ? ProtectAction.BLOCK : ProtectAction.MONITOR;
  }

  public ProtectAction action(Category category) {
    return actions.get(category);
  }

  /** The categories that are not {@code off}: what detectors are asked about. Unmodifiable view. */
  public Set<Category> inspected() {
    return inspectedView;
  }

  /** Whether an {@code exclude} entry covers {@code location} of a request matched by {@code rule} (or none). */
  public boolean excluded(Rule rule, String location, Category category) {
    for (Exclusion exclusion : exclusions) {
      if (exclusion.covers(rule, location, category)) {
        return true;
      }
    }
    return false;
  }

  public List<Exclusion> exclusions() {
    return exclusions;
  }

  /** Hosts requests may go to even where a URL would otherwise look like SSRF. */
  public List<HostPattern> ssrfAllowHosts() {
    return ssrfAllowHosts;
  }

  /** Whether {@code host} (lower case, no port) is one of {@link #ssrfAllowHosts}. */
  public boolean ssrfAllowed(String host) {
    for (HostPattern pattern : ssrfAllowHosts) {
      if (pattern.matches(host)) {
        return true;
      }
    }
    return false;
  }

  public ProcessStart processStart() {
    return processStart;
  }

  /** Whether XML parsers created while serving a request refuse DTDs (instead of blocking XXE). */
  public boolean xxeHarden() {
    return xxeHarden;
  }

  public DeserializationSettings deserialization() {
    return deserialization;
  }

  public Inputs inputs() {
    return inputs;
  }

  /** The same protection with every block downgraded to monitor, as {@code mode: monitor} wants. */
  public Protection inMonitorMode() {
    Builder copy = toBuilder();
    copy.actions.replaceAll((category, action) -> action.inMonitorMode());
    copy.deserialization = deserialization.withAction(deserialization.action().inMonitorMode());
    if (processStart == ProcessStart.DENY) {
      copy.processStart = ProcessStart.AUDIT;
    }
    return copy.build();
  }

  private Builder toBuilder() {
    Builder copy = new Builder();
    copy.actions.putAll(actions);
    copy.ssrfAllowHosts = ssrfAllowHosts;
    copy.processStart = processStart;
    copy.xxeHarden = xxeHarden;
    copy.deserialization = deserialization;
    copy.inputs = inputs;
    copy.exclusions = exclusions;
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Protection)) {
      return false;
    }
    Protection that = (Protection) other;
    return actions.equals(that.actions) && ssrfAllowHosts.toString().equals(that.ssrfAllowHosts.toString())
        && processStart == that.processStart && xxeHarden == that.xxeHarden
        && deserialization.equals(that.deserialization) && inputs.equals(that.inputs)
        && exclusions.equals(that.exclusions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actions, processStart, xxeHarden, deserialization, inputs, exclusions);
  }

  /** Collects {@code protect:}; unset settings keep their defaults. */
  public static final class Builder {
    private final Map<Category, ProtectAction> actions = new EnumMap<>(Category.class);
    private List<HostPattern> ssrfAllowHosts = List.of();
    private ProcessStart processStart = ProcessStart.ALLOW;
    private boolean xxeHarden = false;
    private DeserializationSettings deserialization = DeserializationSettings.DEFAULT;
    private Inputs inputs = Inputs.DEFAULT;
    private List<Exclusion> exclusions = List.of();

    private Builder() {
      for (Category category : Category.values()) {
        actions.put(category, defaultAction(category));
      }
    }

    public Builder action(Category category, ProtectAction action) {
      actions.put(category, Objects.requireNonNull(action, "action"));
      return this;
    }

    public Builder ssrfAllowHosts(List<HostPattern> hosts) {
      this.ssrfAllowHosts = hosts;
      return this;
    }

    public Builder processStart(ProcessStart processStart) {
      this.processStart = processStart;
      return this;
    }

    public Builder xxeHarden(boolean harden) {
      this.xxeHarden = harden;
      return this;
    }

    public Builder deserialization(DeserializationSettings deserialization) {
      this.deserialization = deserialization;
      return this;
    }

    public Builder inputs(Inputs inputs) {
      this.inputs = inputs;
      return this;
    }

    public Builder exclusions(List<Exclusion> exclusions) {
      this.exclusions = exclusions;
      return this;
    }

    public Protection build() {
      return new Protection(this);
    }
  }
}
