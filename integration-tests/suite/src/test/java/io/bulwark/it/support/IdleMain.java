package io.bulwark.it.support;

/**
 * An application that does nothing, so anything it finds started was started by the agent. It
 * waits for the agent's start-up to finish (the agent assembles its engine on a background thread
 * while the application starts), so that all the agent's start-up work happens within its run.
 */
public final class IdleMain {

  private IdleMain() {}

  public static void main(String[] args) throws Exception {
    Thread.sleep(300);
    try {
      // The bridge is on the bootstrap path only with the agent; engine() waits until it started.
      Class.forName("io.bulwark.bridge.Bulwark", true, null).getMethod("engine").invoke(null);
    } catch (ClassNotFoundException e) {
      // no agent: nothing to wait for
    }
    System.out.println("main finished");
  }
}
