package io.bulwark.policy.protect;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.Rule;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code protect.exclude}: inputs that legitimately carry what a detector looks for
 * (a CMS page's HTML, a query builder's SQL). Empty lists mean any rule, any input, any category.
 * An input is a location as audit events write it ({@code json.$.content}, {@code query.q}); one
 * ending in {@code *} covers every location starting with what comes before it.
 */
public final class Exclusion {

  private final Set<String> rules;
  private final List<String> inputs;
  private final Set<Category> categories;

  public Exclusion(List<String> rules, List<String> inputs, Set<Category> categories) {
    this.rules = Set.copyOf(rules);
    this.inputs = List.copyOf(inputs);
    this.categories = categories.isEmpty() ? Set.of() : EnumSet.copyOf(categories);
  }

  /** Whether this exclusion covers {@code location} under {@code rule} (null: no rule matched). */
  public boolean covers(Rule rule, String location, Category category) {
    if (!rules.isEmpty() && (rule == null || !rules.contains(rule.name()))) {
      return false;
    }
    if (!categories.isEmpty() && !categories.contains(category)) {
      return false;
    }
    if (inputs.isEmpty()) {
      return true;
    }
    for (String input : inputs) {
      if (input.endsWith("*") ? location.startsWith(input.substring(0, input.length() - 1)) : input.equals(location)) {
        return true;
      }
    }
    return false;
  }

  public Set<String> rules() {
    return rules;
  }

  public List<String> inputs() {
    return inputs;
  }

  public Set<Category> categories() {
    return categories;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Exclusion && rules.equals(((Exclusion) other).rules)
        && inputs.equals(((Exclusion) other).inputs) && categories.equals(((Exclusion) other).categories);
  }

  @Override
  public int hashCode() {
    return rules.hashCode() * 961 + inputs.hashCode() * 31 + categories.hashCode();
  }
}
