package io.bulwark.agent.cli;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.engine.Explanation;
import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.load.Problem;
import io.bulwark.policy.model.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy explain FILE --method GET --path /x [--header K:V]...}. */
@Command(name = "explain", description = {
    "Show how the policy decides one request: the canonical path, the rule that matches and why,",
    "and the decision. Uses the agent's own reading and matching code.",
    "Exit status 0 when the request would be let through, 3 when it would be refused, 1 when the",
    "policy has errors."})
final class ExplainCommand implements Callable<Integer> {

  static final int REFUSED = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The policy file (YAML or JSON).")
  Path file;

  @Option(names = "--method", defaultValue = "GET", description = "The request method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--path", required = true,
      description = "The request path as sent, still percent-encoded, e.g. '/api/%%61dmin;x=1/users'.")
  String path;

  @Option(names = "--header", paramLabel = "NAME:VALUE", description = "A request header, e.g. 'Host: api.example.com'."
      + " Repeat for several headers (or the same header twice).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--all", description = "Also say why each earlier rule does not match.")
  boolean all;

  @Option(names = "--route", description = "The route template the framework matched, e.g. '/users/{id}'"
      + " (JAX-RS @Path, Spring MVC pattern). With --route or --operation the request is explained as"
      + " routed; without, as seen at the servlet entry, before routing.")
  String route;

  @Option(names = "--operation", description = "The application method that handles the request,"
      + " e.g. 'com.example.UsersResource#delete'.")
  String operation;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Policy policy;
    try {
      policy = PolicyLoader.load(file);
    } catch (PolicyException e) {
      for (Problem problem : e.problems()) {
        err.println(problem);
      }
      err.println(file + ": " + e.problems().size() + " problem(s)");
      return 1;
    }
    List<String[]> parsed = new ArrayList<>();
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--header '" + header + "': expected NAME:VALUE, e.g. 'X-Api-Version: 2'");
      }
      parsed.add(new String[] {header.substring(0, colon).trim(), header.substring(colon + 1).trim()});
    }
    Explanation explanation =
        Explanation.of(policy, new CommandLineRequest(method, path, parsed, route, operation), all);
    out.println(explanation);
    return explanation.refused() ? REFUSED : 0;
  }

  /** The request described on the command line, seen as the engine sees a servlet request. */
  static final class CommandLineRequest implements RequestView {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<String[]> headers;
    private final String route;
    private final String operation;

    CommandLineRequest(String method, String target, List<String[]> headers) {
      this(method, target, headers, null, null);
    }

    CommandLineRequest(String method, String target, List<String[]> headers, String route, String operation) {
      this.route = route;
      this.operation = operation;
      this.method = method;
      int query = target.indexOf('?');
      this.rawPath = query < 0 ? target : target.substring(0, query);
      this.rawQuery = query < 0 ? null : target.substring(query + 1);
      this.headers = headers;
    }

    @Override public String method() { return method; }
    @Override public String rawPath() { return rawPath; }
    @Override public String containerPath() { return null; }
    @Override public String rawQuery() { return rawQuery; }
    @Override public String remoteAddress() { return "127.0.0.1"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
    @Override public boolean routed() { return route != null || operation != null; }
    @Override public String route() { return route; }
    @Override public String operation() { return operation; }

    @Override
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headers(String name) {
      List<String> values = new ArrayList<>();
      for (String[] header : headers) {
        if (header[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          values.add(header[1]);
        }
      }
      return values;
    }
  }
}
