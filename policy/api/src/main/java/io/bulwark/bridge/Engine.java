package io.bulwark.bridge;

/**
 * The decision-maker behind the bridge. Implemented by the policy engine inside the isolated agent
 * class loader; called by the instrumentation.
 */
public interface Engine {

  /** Decides one request. Never throws: an internal failure becomes {@link #failure}'s decision. */
  Decision evaluate(RequestView request);

  /**
   * The decision for a request during which Bulwark itself failed (for example while reading the
   * request): allow when the policy is fail-open, a 5xx problem when it is fail-closed. The failure
   * is logged and audited once per cause, not once per request.
   *
   * @param request the request, or {@code null} when even the view could not be built
   */
  Decision failure(Throwable error, RequestView request);

  /** An engine that lets everything through; used before the agent has started. */
  Engine ALLOW_ALL = new Engine() {
    @Override
    public Decision evaluate(RequestView request) {
      return Decision.allow(null);
    }

    @Override
    public Decision failure(Throwable error, RequestView request) {
      return Decision.allow(null);
    }
  };
}
