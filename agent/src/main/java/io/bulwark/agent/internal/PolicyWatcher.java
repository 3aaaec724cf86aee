package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.reload.PolicyReloader;
import java.util.concurrent.TimeUnit;

/**
 * Polls the policy file from one daemon thread and lets {@link PolicyReloader} apply changes.
 * Polling (every 250 ms) rather than a WatchService: it sees edits through symlinks (Kubernetes
 * ConfigMaps), on network file systems and in folders that are replaced, and costs one stat call.
 */
final class PolicyWatcher implements Runnable {

  static final long INTERVAL_MILLIS = 250;

  private final PolicyReloader reloader;
  private volatile boolean stopped;

  private PolicyWatcher(PolicyReloader reloader) {
    this.reloader = reloader;
  }

  /** Starts watching on a daemon thread named {@code bulwark-policy-watcher}. */
  static PolicyWatcher start(PolicyReloader reloader) {
    PolicyWatcher watcher = new PolicyWatcher(reloader);
    Thread thread = new Thread(watcher, "bulwark-policy-watcher");
    thread.setDaemon(true);
    thread.setContextClassLoader(PolicyWatcher.class.getClassLoader());
    thread.start();
    return watcher;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
        reloader.check();
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        // A reload must never take the watcher down: the next change would go unnoticed.
        AgentLog.errorOnce("policy-watcher", t);
      }
    }
  }
}
