package io.bulwark.it.support;

/**
 * Named by {@code -Djava.util.logging.config.class} in a child JVM: java.util.logging's LogManager
 * instantiates it when it initializes, so whoever starts JUL first leaves a stack trace behind.
 */
public final class JulInitTrap {

  public static final String MARK = "java.util.logging initialized by:";

  public JulInitTrap() {
    new Throwable(MARK).printStackTrace();
  }
}
