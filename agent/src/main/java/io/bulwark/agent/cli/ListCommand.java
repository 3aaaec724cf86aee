package io.bulwark.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code list}: the JVMs on this host that this user can attach Bulwark to. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the JVMs on this host that 'attach' can reach (same user): process id and main class or jar.")
final class ListCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long self = ProcessHandle.current().pid();
    List<VirtualMachineDescriptor> vms = VirtualMachine.list();
    vms.sort(Comparator.comparing(VirtualMachineDescriptor::id, Comparator.comparingLong(ListCommand::pid)));
    out.println(String.format("%-10s %s", "PID", "MAIN"));
    for (VirtualMachineDescriptor vm : vms) {
      if (pid(vm.id()) == self) {
        continue;
      }
      String name = vm.displayName().isBlank() ? "(unknown main class)" : vm.displayName();
      out.println(String.format("%-10s %s", vm.id(), name));
    }
    return 0;
  }

  private static long pid(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
