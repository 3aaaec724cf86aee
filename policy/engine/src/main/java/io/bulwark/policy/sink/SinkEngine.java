package io.bulwark.policy.sink;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.audit.AuditLog;
import io.bulwark.policy.detect.Category;
import io.bulwark.policy.engine.SinkDecisions;
import io.bulwark.policy.model.AuditSettings.Outcome;
import io.bulwark.policy.model.Policy;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sinks' side of the engine: turns what an advised operation is about to do into the check of
 * its kind, and a finding into an audit event and, where the policy blocks, the 403 decision.
 * Outside a request there are no inputs to blame, so nothing is blocked (only deserialization,
 * whose filter guards the whole JVM, refuses classes everywhere).
 */
public final class SinkEngine implements SinkHooks.Checks {

  static final int MAX_EVIDENCE = 120;
  private static final int XML_HEAD = 8192;

  private final Supplier<Policy> policy;
  private final AuditLog audit;
  private volatile Policy settingsOf;
  private volatile SinkSettings settings;

  public SinkEngine(Supplier<Policy> policy, AuditLog audit) {
    this.policy = policy;
    this.audit = audit;
  }

  /** The settings of the current policy, made once per policy. */
  SinkSettings settings() {
    Policy current = policy.get();
    SinkSettings made = settings;
    if (settingsOf != current || made == null) {
      made = SinkSettings.of(current);
      settings = made;
      settingsOf = current;
    }
    return made;
  }

  @Override
  public Object begin(RequestView view, String requestId) {
    SinkSettings current = settings();
    return new RequestInputs(view, requestId, current.headers, current.cookies);
  }

  @Override
  public Decision check(Object context, int kind, String sink, Object target, Object subject) {
    RequestInputs request = context instanceof RequestInputs ? (RequestInputs) context : null;
    if (request == null || subject == null) {
      return null;
    }
    SinkSettings current = settings();
    switch (kind) {
      case SinkHooks.SQL:
        return sql(current, request, sink, target, (String) subject);
      case SinkHooks.COMMAND:
        return command(current, request, sink, (String[]) subject);
      case SinkHooks.FILE:
        return file(current, request, sink, subject);
      case SinkHooks.CONNECT:
        return connect(current, request, sink, target, subject);
      case SinkHooks.JNDI:
        return enabled(current, Category.JNDI)
            ? respond(current, request, sink, JndiCheck.check(subject.toString(), request.all())) : null;
      case SinkHooks.XML:
        return enabled(current, Category.XXE) ? xml(current, request, sink, subject) : null;
      default:
        return null;
    }
  }

  private Decision sql(SinkSettings current, RequestInputs request, String sink, Object target, String sql) {
    if (!enabled(current, Category.SQL_INJECTION)) {
      return null;
    }
    List<RequestInputs.Input> inputs = request.all();
    if (inputs.isEmpty()) {
      return null;
    }
    return respond(current, request, sink, SqlCheck.check(sql, Dialects.of(target), inputs));
  }

  private Decision xml(SinkSettings current, RequestInputs request, String sink, Object subject) {
    SinkFinding finding = XmlCheck.check(head(subject));
    if (finding == null || !current.xxeHarden || current.action(Category.XXE) != SinkSettings.Action.BLOCK) {
      return respond(current, request, sink, finding);
    }
    // xxe.harden: the parse fails as a parser with DTDs disallowed would; the request goes on.
    record("deny", request, sink, Category.XXE.technique(), finding.finding.reason(), finding.finding.evidence(),
        finding.location, "the XML parser refused the document's DTD (xxe.harden); the request went on");
    return SinkHooks.REFUSE_OPERATION;
  }

  private Decision command(SinkSettings current, RequestInputs request, String sink, String[] command) {
    if (enabled(current, Category.COMMAND_INJECTION)) {
      Decision decision = respond(current, request, sink, CommandCheck.check(command, request.all()));
      if (decision != null) {
        return decision;
      }
    }
    if (current.processStart == SinkSettings.ProcessStart.ALLOW) {
      return null;
    }
    SinkFinding started = new SinkFinding(Category.COMMAND_INJECTION, "cmdi.process-start",
        command.length == 0 ? "" : command[0], null);
    return respond(request, sink, started, current.processStart == SinkSettings.ProcessStart.DENY
        && current.action(Category.COMMAND_INJECTION) != SinkSettings.Action.OFF
        && !monitorOnly() ? SinkSettings.Action.BLOCK : SinkSettings.Action.MONITOR);
  }

  private boolean monitorOnly() {
    return policy.get().mode() == io.bulwark.policy.model.Mode.MONITOR;
  }

  private Decision file(SinkSettings current, RequestInputs request, String sink, Object subject) {
    if (!enabled(current, Category.PATH_TRAVERSAL)) {
      return null;
    }
    String path = subject instanceof File ? ((File) subject).getPath()
        : subject instanceof Path ? subject.toString() : subject instanceof String ? (String) subject : null;
    // (not all(): a container writing a multipart part to a temporary file is mid-parse)
    return path == null ? null
        : respond(current, request, sink, FileCheck.check(path, request.withoutParametersWhileTheContainerParses()));
  }

  private Decision connect(SinkSettings current, RequestInputs request, String sink, Object target, Object called) {
    if (!enabled(current, Category.SSRF)) {
      return null;
    }
    Object subject = called instanceof URL || called instanceof URI || called instanceof InetSocketAddress
        || called == null ? called : HttpClientRequests.uri(called);
    List<RequestInputs.Input> inputs = request.all();
    SinkFinding finding = null;
    if (subject instanceof URL || subject instanceof URI) {
      String url = subject.toString();
      boolean redirected = target != null && request.steered(UrlCheck.host(authority(target.toString())));
      finding = redirected ? UrlCheck.checkRedirect(url, current.allowHosts)
          : UrlCheck.checkUrl(url, inputs, current.allowHosts);
      if (finding == null && (redirected || UrlCheck.steeredBy(url, inputs) != null)) {
        request.steer(UrlCheck.host(authority(url)));
      }
    } else if (subject instanceof InetSocketAddress) {
      InetSocketAddress address = (InetSocketAddress) subject;
      String host = address.getHostString();
      finding = UrlCheck.checkConnect(host, address.getAddress(), inputs, current.allowHosts, request.steered(host));
    }
    return respond(current, request, sink, finding);
  }

  private static String authority(String url) {
    int colon = url.indexOf(':');
    int start = url.startsWith("//", colon + 1) ? colon + 3 : colon + 1;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(Math.min(start, end), end);
  }

  private static String head(Object subject) {
    if (subject instanceof byte[]) {
      byte[] bytes = (byte[]) subject;
      // Latin-1 keeps every byte; dropping NULs reads UTF-16 markup as well.
      return new String(bytes, 0, Math.min(bytes.length, XML_HEAD), StandardCharsets.ISO_8859_1).replace("\0", "");
    }
    String text = subject.toString();
    return text.length() > XML_HEAD ? text.substring(0, XML_HEAD) : text;
  }

  private static boolean enabled(SinkSettings current, Category category) {
    return current.action(category) != SinkSettings.Action.OFF;
  }

  private Decision respond(SinkSettings current, RequestInputs request, String sink, SinkFinding finding) {
    if (finding == null) {
      return null;
    }
    return respond(request, sink, finding, current.action(finding.finding.category()));
  }

  private Decision respond(RequestInputs request, String sink, SinkFinding finding, SinkSettings.Action action) {
    if (action == SinkSettings.Action.OFF) {
      return null;
    }
    boolean blocks = action == SinkSettings.Action.BLOCK;
    Category category = finding.finding.category();
    record(blocks ? "deny" : "monitor", request, sink, category.technique(), finding.finding.reason(),
        finding.finding.evidence(), finding.location);
    return blocks ? SinkDecisions.injection(request.requestId()) : null;
  }

  /** Writes the audit event of a sink finding; {@code request} may be {@code null} (outside a request). */
  void record(String action, RequestInputs request, String sink, String technique, String reason, String evidence,
      String location) {
    record(action, request, sink, technique, reason, evidence, location, null);
  }

  private void record(String action, RequestInputs request, String sink, String technique, String reason,
      String evidence, String location, String message) {
    Policy current = policy.get();
    if (!current.audit().records(action.equals("deny") ? Outcome.DENY : Outcome.MONITOR)) {
      return;
    }
    RequestView view = request == null ? null : request.view();
    AuditEvent event = AuditEvent.of(action)
        .with(AuditField.EVENT_REASON, "injection." + technique)
        .with(AuditField.EVENT_MODE, current.mode().keyword())
        .with(AuditField.HTTP_REQUEST_ID, request == null ? null : request.requestId())
        .with(AuditField.HTTP_REQUEST_METHOD, view == null ? null : view.method())
        .with(AuditField.HTTP_RESPONSE_STATUS, action.equals("deny") && request != null && message == null ? 403 : null)
        .with(AuditField.URL_PATH, view == null ? null : view.rawPath())
        .with(AuditField.CLIENT_IP, view == null ? null : view.remoteAddress())
        .with(AuditField.THREAT_TECHNIQUE, technique)
        .with(AuditField.THREAT_LOCATION, location)
        .with(AuditField.THREAT_EVIDENCE, truncate(evidence))
        .with(AuditField.THREAT_REASON, reason)
        .with(AuditField.THREAT_LAYER, "sink")
        .with(AuditField.THREAT_SINK, sink)
        .with(AuditField.MESSAGE, message);
    audit.record(event);
  }

  static String truncate(String evidence) {
    return evidence == null || evidence.length() <= MAX_EVIDENCE ? evidence : evidence.substring(0, MAX_EVIDENCE);
  }
}
