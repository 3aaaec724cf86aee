package io.bulwark.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attach <pid> [--policy FILE]}: loads the agent into a running JVM. The agent then
 * retransforms the servlet, JAX-RS and Spring MVC classes already loaded, in batches, and enforces
 * the policy from the next request on, without a restart.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
    description = {"Load Bulwark into a running JVM (see 'list' for the process ids).",
        "JDK 21 and later print a warning in the target JVM when an agent is loaded this way; start",
        "the service with -XX:+EnableDynamicAgentLoading to allow it explicitly (a later JDK may refuse",
        "dynamic loading without it). The target must run as the same user."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the agent is running in the target JVM", "1:the agent could not be loaded", "2:usage error"})
final class AttachCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PID", description = "The process id of the target JVM.")
  long pid;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The policy file the attached agent enforces (and watches for changes); the built-in"
          + " policy without it.")
  Path policy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String jar = System.getProperty(io.bulwark.agent.BulwarkAgent.JAR_PROPERTY);
    if (jar == null || !new File(jar).isFile()) {
      err.println("attach: cannot find the agent jar (run as java -jar bulwark-agent.jar attach ...)");
      return 1;
    }
    String options = null;
    if (policy != null) {
      Path absolute = policy.toAbsolutePath().normalize();
      if (!Files.isReadable(absolute)) {
        err.println("attach: cannot read the policy " + absolute);
        return 1;
      }
      if (absolute.toString().indexOf(',') >= 0) {
        err.println("attach: the policy path must not contain ',' (agent options are comma-separated): " + absolute);
        return 1;
      }
      options = "policy=" + absolute;
    }
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(String.valueOf(pid));
    } catch (AttachNotSupportedException | IOException e) {
      err.println("attach: cannot attach to process " + pid + ": " + e.getMessage()
          + " (is it a JVM running as this user? 'list' shows the JVMs this user can attach to)");
      return 1;
    }
    try {
      String version = targetJavaVersion(vm);
      vm.loadAgent(jar, options);
      out.println("Bulwark attached to process " + pid + (version == null ? "" : " (Java " + version + ")")
          + (policy == null ? " with the built-in policy" : " with policy " + policy.toAbsolutePath().normalize())
          + "; its standard error shows the agent's start-up line.");
      if (version != null && feature(version) >= 21) {
        out.println("Note: Java " + version + " warns about dynamically loaded agents; start the service with"
            + " -XX:+EnableDynamicAgentLoading to allow attaching explicitly.");
      }
      return 0;
    } catch (AgentLoadException | AgentInitializationException | IOException e) {
      err.println("attach: the agent could not be loaded into process " + pid + ": " + e);
      return 1;
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the agent is loaded or not; detaching cannot change that
      }
    }
  }

  private static String targetJavaVersion(VirtualMachine vm) {
    try {
      Properties properties = vm.getSystemProperties();
      return properties.getProperty("java.version");
    } catch (IOException e) {
      return null;
    }
  }

  static int feature(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }
}
