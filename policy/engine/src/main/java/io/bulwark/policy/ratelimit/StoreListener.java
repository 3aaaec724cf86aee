package io.bulwark.policy.ratelimit;

/** Told when a shared store stops answering and when it answers again (once per outage). */
public interface StoreListener {

  /** The store failed to answer a request after answering (or before it ever did). */
  void unavailable(StoreSettings store, Throwable cause);

  /** The store answered again; {@code requests} were counted by the fallback in between. */
  void recovered(StoreSettings store, long requests);

  StoreListener NONE = new StoreListener() {
    @Override
    public void unavailable(StoreSettings store, Throwable cause) {}

    @Override
    public void recovered(StoreSettings store, long requests) {}
  };
}
