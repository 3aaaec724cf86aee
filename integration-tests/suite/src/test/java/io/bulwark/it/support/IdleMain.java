package io.bulwark.it.support;

/** An application that does nothing, so anything it finds started was started by the agent. */
public final class IdleMain {

  private IdleMain() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(300);
    System.out.println("main finished");
  }
}
