package io.bulwark.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * Entry point of {@code bulwark-agent.jar}: {@code -javaagent} (premain), dynamic attach
 * (agentmain) and the command line (main).
 *
 * <p>This class is loaded by the system class loader from the agent jar, so it touches nothing but
 * the JDK: it appends the jar to the bootstrap search path (which makes the small bridge at the
 * jar's root visible to every class loader), then starts the real agent inside an {@link
 * AgentClassLoader} that only reads the jar's private {@code bulwark/inst/} folder. The
 * application can see the bridge and nothing else of Bulwark.
 */
public final class BulwarkAgent {

  private static final String STARTER = "io.bulwark.agent.internal.AgentStarter";
  private static final String CLI = "io.bulwark.agent.cli.Cli";
  private static boolean started;
  /** The agent jar's path, for the command line's {@code attach}. */
  public static final String JAR_PROPERTY = "bulwark.agent.jar";

  private BulwarkAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static synchronized void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
    if (started) {
      System.err.println("[bulwark] WARN the agent is already running in this JVM; ignoring the second start");
      return;
    }
    started = true;
    try {
      File jar = agentJar();
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      ClassLoader isolated = new AgentClassLoader(jar, false);
      Method start = isolated.loadClass(STARTER)
          .getMethod("start", String.class, Instrumentation.class, File.class, boolean.class);
      start.invoke(null, agentArgs, instrumentation, jar, attached);
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
      // Fail-open at start-up: the application must come up even if Bulwark cannot.
      System.err.println("[bulwark] ERROR the agent failed to start; the application runs WITHOUT"
          + " Bulwark's protection: " + cause);
      cause.printStackTrace();
    }
  }

  /** {@code java -jar bulwark-agent.jar ...}: the command line, see {@code --help}. */
  public static void main(String[] args) throws Exception {
    File jar = agentJar();
    System.setProperty(JAR_PROPERTY, jar.getAbsolutePath()); // for 'attach': the jar to load
    ClassLoader isolated = new AgentClassLoader(jar, true);
    Thread.currentThread().setContextClassLoader(isolated);
    Method run = isolated.loadClass(CLI).getMethod("run", String[].class);
    int status;
    try {
      status = (Integer) run.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    System.exit(status);
  }

  private static File agentJar() throws URISyntaxException {
    return new File(BulwarkAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
