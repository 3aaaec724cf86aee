package io.bulwark.agent.cli;

import io.bulwark.policy.audit.review.AuditSummary;
import io.bulwark.policy.audit.review.ChainVerifier;
import io.bulwark.policy.audit.review.HtmlReport;
import io.bulwark.policy.audit.review.SummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit ...}: review audit files. */
@Command(name = "audit", description = "Verify, summarize and report on audit files.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Summary.class, AuditCommand.Report.class})
final class AuditCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Files that cannot be read are a usage problem (exit 2), not a broken chain. */
  static boolean readable(List<Path> files, PrintWriter err) {
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        err.println(file + ": cannot read the audit file");
        return false;
      }
    }
    return true;
  }

  @Command(name = "verify", description = {
      "Check the hash chain of audit files: reports the first edited line, removed lines and reordering.",
      "Give the current file and its rotated files in any order (e.g. audit.jsonl*).",
      "Exit status 0 when the chain is intact, 1 when it is not, 2 when a file cannot be read."})
  static final class Verify implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audit files (JSON lines).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!readable(files, err)) {
        return 2;
      }
      ChainVerifier.Result result = ChainVerifier.verify(files);
      for (String note : result.notes) {
        out.println(SummaryText.safe(note));
      }
      if (result.intact()) {
        out.println("intact: " + result.lines + " line(s) in " + files.size() + " file(s), seq "
            + result.firstSeq + " to " + result.lastSeq);
        return 0;
      }
      for (String problem : result.problems) {
        err.println(SummaryText.safe(problem));
      }
      err.println("BROKEN: " + result.problems.size() + " problem(s) in " + result.lines + " line(s); the first: "
          + SummaryText.safe(result.problems.get(0)));
      return 1;
    }
  }

  @Command(name = "summary", description = {
      "Summarize audit files: events by action, top rules, clients, paths and categories, counts per minute."})
  static final class Summary implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--top", defaultValue = "10", description = "Rows per table (default ${DEFAULT-VALUE}).")
    int top;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audit files (JSON lines).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      if (!readable(files, spec.commandLine().getErr())) {
        return 2;
      }
      SummaryText.print(AuditSummary.of(files, null), Math.max(1, top), spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(name = "report", description = {
      "Write one self-contained HTML report (no network needed to view it): chain check, timeline chart,",
      "top tables and an event table to filter and sort."})
  static final class Report implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "HTML", description = "The report file to write.")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audit files (JSON lines).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      if (!readable(files, spec.commandLine().getErr())) {
        return 2;
      }
      String html = HtmlReport.render(files);
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, html, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + output + " (" + html.length() + " bytes)");
      return 0;
    }
  }
}
