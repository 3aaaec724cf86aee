package io.bulwark.policy.model;

/** One criterion of a rule's match, tested against one request, with a sentence saying why. */
public final class MatchCheck {

  private final String criterion;
  private final boolean holds;
  private final String why;

  MatchCheck(String criterion, boolean holds, String why) {
    this.criterion = criterion;
    this.holds = holds;
    this.why = why;
  }

  /** {@code path}, {@code methods}, {@code hosts} or {@code header X-Name}. */
  public String criterion() {
    return criterion;
  }

  public boolean holds() {
    return holds;
  }

  public String why() {
    return why;
  }

  @Override
  public String toString() {
    return criterion + ": " + why;
  }
}
