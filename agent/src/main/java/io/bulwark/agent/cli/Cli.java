package io.bulwark.agent.cli;

import io.bulwark.agent.internal.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bulwark-agent.jar ...}: Bulwark's command line. */
@Command(name = "bulwark-agent.jar",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.VersionProvider.class,
    description = {
        "Bulwark: runtime API protection for Java services.",
        "",
        "As an agent:  java -javaagent:bulwark-agent.jar=policy=policy.yaml -jar your-service.jar",
        "Into a running JVM:  java -jar bulwark-agent.jar attach <pid> --policy policy.yaml",
    },
    subcommands = {PolicyCommand.class, AuditCommand.class, KeysCommand.class, AttachCommand.class,
        ListCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and returns the process exit status. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Cli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Bulwark " + Version.get()
          + " (Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name") + ")"};
    }
  }
}
