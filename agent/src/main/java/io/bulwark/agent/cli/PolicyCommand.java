package io.bulwark.agent.cli;

import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.load.Problem;
import io.bulwark.policy.model.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policy ...}: work with policy files. */
@Command(name = "policy", description = "Check policy files. Explain how a policy decides a request.",
    subcommands = {PolicyCommand.Validate.class, ExplainCommand.class})
final class PolicyCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "validate", description = {
      "Check a policy file; print every problem as file:line:column: message.",
      "Exit status 0 when the policy is valid, 1 when it is not."})
  static final class Validate implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file (YAML or JSON).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Policy policy = PolicyLoader.load(file);
        out.println(file + ": valid (" + policy.rules().size() + " rules, mode "
            + policy.mode().keyword() + ", default "
            + policy.defaultAction().name().toLowerCase(Locale.ROOT) + ", sha256 " + policy.sha256() + ")");
        return 0;
      } catch (PolicyException e) {
        for (Problem problem : e.problems()) {
          err.println(problem);
        }
        err.println(file + ": " + e.problems().size() + " problem(s)");
        return 1;
      }
    }
  }
}
