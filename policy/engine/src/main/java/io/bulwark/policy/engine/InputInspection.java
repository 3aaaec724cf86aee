package io.bulwark.policy.engine;

import io.bulwark.bridge.MultipartBody;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.audit.Redactor;
import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.protect.Limits;
import io.bulwark.policy.protect.ProtectAction;
import io.bulwark.policy.protect.Protection;
import io.bulwark.policy.request.Cookies;
import io.bulwark.policy.request.FormFields;
import io.bulwark.policy.request.InputVisitor;
import io.bulwark.policy.request.JsonInputs;
import io.bulwark.policy.request.XmlInputs;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 6 of the decision, for requests the rules let through: the request's size against {@code
 * limits:} (431, 413, 400), then every input the policy's {@code protect:} inspects, through the
 * detectors: query parameters, path segments, the configured headers and cookies, and a form, JSON
 * or XML body. The first input whose finding the policy blocks refuses the request (403); a finding
 * the policy only monitors is kept (the first one) and audited while the request proceeds.
 * Confined to the request's thread.
 */
final class InputInspection implements InputVisitor {

  /** Cookies inspected per request at most (the container has its own, larger, header limits). */
  private static final int MAX_COOKIES = 200;
  /** XML nesting walked at most (the document is inspected as a whole besides). */
  private static final int MAX_XML_DEPTH = 256;

  private final Exchange exchange;
  private final Protection protection;
  private final ValueInspector inspector;
  private final Rule rule;
  private Threat blocked;
  private Threat monitored;
  /**
   * Values already found clean; only kept without exclusions (then every location is inspected for the
   * same categories).
   */
  private final CleanValues clean;
  /** Whether any {@code exclude} entry may turn a category off somewhere (read once, not per value). */
  private final boolean excludes;
  private final Set<Category> inspected;

  private InputInspection(Exchange exchange, ValueInspector inspector) {
    this.exchange = exchange;
    this.protection = exchange.policy().protect();
    this.inspector = inspector;
    this.rule = exchange.rule();
    this.excludes = !protection.exclusions().isEmpty();
    this.inspected = protection.inspected();
    this.clean = excludes ? null : new CleanValues();
  }

  /**
   * {@code null} when the request is within the limits and nothing was found; a refusal; or {@code
   * allowed} carrying a monitored finding.
   */
  static Verdict check(Exchange exchange, Verdict allowed, ValueInspector inspector) {
    Policy policy = exchange.policy();
    Limits limits = policy.limits();
    RequestView request = exchange.request();
    String ruleName = exchange.rule() == null ? null : exchange.rule().name();
    int headers = request.headerCount();
    if (headers > limits.maxHeaders()) {
      return Verdict.overLimit(ruleName, ProblemType.TOO_MANY_HEADERS, 431, "limit.headers");
    }
    String query = request.rawQuery();
    int queryFields = FormFields.count(query);
    if (queryFields > limits.maxParameters()) {
      return Verdict.overLimit(ruleName, ProblemType.TOO_MANY_PARAMETERS, 400, "limit.parameters");
    }
    BodyRead body = BodyRead.of(request, policy.protect(), limits);
    if (body.tooLarge) {
      return Verdict.overLimit(ruleName, ProblemType.BODY_TOO_LARGE, 413, "limit.body-size");
    }
    if (body.kind == BodyRead.Kind.JSON && body.length() > limits.maxJsonSize()) {
      return Verdict.overLimit(ruleName, ProblemType.BODY_TOO_LARGE, 413, "limit.json-size");
    }
    String form = body.kind == BodyRead.Kind.FORM && body.bytes != null ? new String(body.bytes, body.charset) : null;
    if (form != null && queryFields + FormFields.count(form) > limits.maxParameters()) {
      return Verdict.overLimit(ruleName, ProblemType.TOO_MANY_PARAMETERS, 400, "limit.parameters");
    }
    if (policy.protect().inspected().isEmpty()) {
      return null;
    }
    InputInspection inspection = new InputInspection(exchange, inspector);
    Verdict refused = inspection.inspect(query, form, body, limits);
    if (refused != null) {
      return refused;
    }
    return inspection.monitored == null ? null : allowed.monitoring(inspection.monitored);
  }

  private Verdict inspect(String query, String form, BodyRead body, Limits limits) {
    String ruleName = rule == null ? null : rule.name();
    if (fields(Source.QUERY, query) && path() && headers() && cookies() && body(form, body, limits)) {
      return null;
    }
    if (blocked != null) {
      return Verdict.injection(ruleName, blocked);
    }
    return Verdict.overLimit(ruleName, ProblemType.JSON_TOO_DEEP, 400, "limit.json-depth");
  }

  private boolean fields(Source source, String text) {
    for (String[] field : FormFields.parse(text, StandardCharsets.UTF_8, Integer.MAX_VALUE)) {
      InputVisitor.Location location = () -> source.prefix() + "." + field[0];
      // The name too: operators such as password[$ne] arrive in names.
      if (!visit(source, location, field[0], field[0]) || !visit(source, location, field[0], field[1])) {
        return false;
      }
    }
    return true;
  }

  private boolean path() {
    Map<String, String> variables = exchange.pathVariables();
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      if (!visit(Source.PATH, InputVisitor.Location.of("path." + variable.getKey()), variable.getKey(),
          variable.getValue())) {
        return false;
      }
    }
    List<String> segments = exchange.reading().path().segments();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      int position = i + 1;
      if (!variables.containsValue(segment) && !visit(Source.PATH, () -> "path." + position, null, segment)) {
        return false;
      }
    }
    return true;
  }

  private boolean headers() {
    RequestView request = exchange.request();
    for (String name : protection.inputs().headers()) {
      for (String value : request.headers(name)) {
        if (!visit(Source.HEADER, () -> "header." + name, name, value)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean cookies() {
    if (!protection.inputs().cookies()) {
      return true;
    }
    for (String[] cookie : Cookies.parse(exchange.request().headers("Cookie"), MAX_COOKIES)) {
      if (!visit(Source.COOKIE, () -> "cookie." + cookie[0], cookie[0], cookie[1])) {
        return false;
      }
    }
    return true;
  }

  /** False when the walk stopped: a blocked finding, or (with no finding) JSON nested too deep. */
  private boolean body(String form, BodyRead body, Limits limits) {
    if (body.bytes == null) {
      return true;
    }
    switch (body.kind) {
      case FORM:
        return fields(Source.FORM, form);
      case JSON:
        JsonInputs.Outcome outcome = JsonInputs.walk(body.bytes, body.bytes.length, limits.maxJsonDepth(), this);
        if (outcome == JsonInputs.Outcome.MALFORMED) {
          // Not JSON even to a lenient reader: what follows the fault is inspected as one text, so
          // nothing the application's own parser might still accept goes unseen.
          return visit(Source.JSON, BODY, null, new String(body.bytes, body.charset));
        }
        return outcome != JsonInputs.Outcome.STOPPED && outcome != JsonInputs.Outcome.TOO_DEEP;
      case XML: {
        String document = new String(body.bytes, body.charset);
        if (!visit(Source.XML_DOCUMENT, BODY, null, document)) {
          return false;
        }
        XmlInputs.Outcome walked = XmlInputs.walk(body.bytes, body.bytes.length, MAX_XML_DEPTH, this);
        // A document the safe reader cannot walk (malformed, or entities it does not expand): the
        // whole text is inspected as one value, so what the application's parser reads is seen.
        return walked == XmlInputs.Outcome.COMPLETE
            || walked == XmlInputs.Outcome.MALFORMED && visit(Source.XML, BODY, null, document);
      }
      case MULTIPART:
        return multipart(body, limits);
      default:
        return true;
    }
  }

  /**
   * A multipart body (read only with {@code protect.inputs.multipart}): its fields' values and its
   * files' names ({@code form.NAME}, {@code form.NAME.filename}); file contents are not inspected.
   */
  private boolean multipart(BodyRead body, Limits limits) {
    String boundary = MultipartBody.boundary(body.contentType);
    if (boundary == null) {
      return true;
    }
    for (MultipartBody.Part part : MultipartBody.parse(body.bytes, body.bytes.length, boundary,
        limits.maxParameters())) {
      String name = part.name == null ? "" : part.name;
      if (part.filename != null) {
        if (!visit(Source.FORM, () -> "form." + name + ".filename", name, part.filename)) {
          return false;
        }
      } else {
        String type = part.header("content-type");
        if (type == null || type.toLowerCase(java.util.Locale.ROOT).startsWith("text/")) {
          String value = new String(body.bytes, part.start, part.end - part.start, body.charset);
          if (!visit(Source.FORM, () -> "form." + name, name, value)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static final InputVisitor.Location BODY = InputVisitor.Location.of("body");

  /** Inspects one value; false once a blocked finding ends the inspection. */
  @Override
  public boolean visit(Source source, InputVisitor.Location where, String name, String value) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    Set<Category> enabled = source == Source.XML_DOCUMENT ? xxeOnly(enabledAt(where)) : enabledAt(where);
    if (enabled != inspected && enabled.isEmpty()) {
      return true; // (the policy's inspected set is not empty: check() returns before any visit when it is)
    }
    // (clean is null when exclusions exist: the answer may then depend on the location)
    boolean shared = clean != null
        && (source == Source.HEADER && name != null || source == Source.PATH && SharedCleanValues.isWordLike(value));
    if (clean != null && (clean.contains(source, name, value)
        || shared && SharedCleanValues.contains(inspector, enabled, source, name, value))) {
      return true;
    }
    Finding finding = inspector.inspect(enabled, source, name, value,
        clean == null ? CharClasses.NOT_READ : clean.classesOf(value));
    if (finding == null) {
      if (clean != null) {
        clean.add(source, name, value);
      }
      if (shared) {
        SharedCleanValues.add(inspector, enabled, source, name, value);
      }
      return true;
    }
    ProtectAction action = protection.action(finding.category());
    Threat threat = new Threat(finding, where.location(),
        name != null && Redactor.of(exchange.policy().audit().redact()).isSensitive(name));
    if (action == ProtectAction.BLOCK) {
      blocked = threat;
      return false;
    }
    if (monitored == null && action == ProtectAction.MONITOR) {
      monitored = threat;
    }
    return true;
  }

  /** The whole XML document is inspected for DOCTYPE and entities only; its values are walked one by one. */
  private static Set<Category> xxeOnly(Set<Category> enabled) {
    return enabled.contains(Category.XXE) ? XXE : Set.of();
  }

  private static final Set<Category> XXE = java.util.Collections.unmodifiableSet(EnumSet.of(Category.XXE));

  /** The inspected categories, less those an {@code exclude} entry turns off at {@code location}. */
  private Set<Category> enabledAt(InputVisitor.Location where) {
    if (!excludes) {
      return inspected;
    }
    String location = where.location();
    EnumSet<Category> enabled = EnumSet.noneOf(Category.class);
    for (Category category : inspected) {
      if (!protection.excluded(rule, location, category)) {
        enabled.add(category);
      }
    }
    return enabled;
  }
}
