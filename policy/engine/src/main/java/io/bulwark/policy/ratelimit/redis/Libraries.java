package io.bulwark.policy.ratelimit.redis;

/**
 * Prepares Netty, Lettuce and Reactor before the first of their classes is initialised: their
 * logging goes to Bulwark's log, and Netty does without {@code sun.misc.Unsafe} (whose use prints
 * warnings on the application's standard error from JDK 24 on, and which Bulwark does not need
 * for one connection). The property is read under its relocated name in the agent jar, so the
 * application's own Netty is not affected.
 */
final class Libraries {

  private static boolean prepared;

  private Libraries() {}

  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
    NettyLogging.install();
    ReactorLogging.install();
    prepared = true;
  }
}
