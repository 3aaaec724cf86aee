package io.bulwark.policy.load;

import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.CertificateNames;
import io.bulwark.policy.auth.Identities;
import io.bulwark.policy.authz.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a rule's {@code require:} against the policy's {@code identities:}. */
final class RequireReader {

  static final List<String> KEYS = List.of("auth", "roles", "scopes", "certificate");
  static final List<String> CERTIFICATE_KEYS = List.of("subjects", "sans");

  private final Nodes nodes;
  private final Problems problems;
  private final Identities identities;
  private final IdentitiesReader names;

  RequireReader(Nodes nodes, Identities identities, IdentitiesReader names) {
    this.nodes = nodes;
    this.problems = nodes.problems();
    this.identities = identities;
    this.names = names;
  }

  Requirement read(Node node, String what) {
    what = what + ".require";
    Map<String, Node> fields = nodes.mapping(node, what, KEYS);
    List<AuthScheme> schemes = new ArrayList<>();
    if (!fields.containsKey("auth")) {
      problems.add(node, what + ": missing 'auth' (the accepted credentials, any one of them), e.g. auth: [jwt]");
      return null;
    }
    String known = String.join(", ", Nodes.quoted(keywords()));
    boolean ok = true;
    for (Node item : nodes.sequence(fields.get("auth"), what + ".auth", "[apiKey, jwt]")) {
      String text = nodes.string(item, what + ".auth");
      if (text == null) {
        ok = false;
        continue;
      }
      AuthScheme scheme = AuthScheme.forKeyword(text.trim());
      if (scheme == null) {
        problems.add(item, what + ".auth: expected one of " + known + " but found '" + text + "'"
            + Nodes.suggestion(text, keywords()));
        ok = false;
      } else if (!identities.has(scheme)) {
        problems.add(item, what + ".auth: '" + scheme.keyword() + "' is not configured: add identities."
            + scheme.keyword() + " to the policy");
        ok = false;
      } else if (schemes.contains(scheme)) {
        problems.add(item, what + ".auth: '" + scheme.keyword() + "' is listed twice");
      } else {
        schemes.add(scheme);
      }
    }
    if (ok && schemes.isEmpty()) {
      problems.add(fields.get("auth"), what + ".auth: expected at least one of " + known);
      ok = false;
    }
    LinkedHashSet<String> roles = fields.containsKey("roles")
        ? new LinkedHashSet<>(nodes.strings(fields.get("roles"), what + ".roles", "[admin]")) : new LinkedHashSet<>();
    LinkedHashSet<String> scopes = fields.containsKey("scopes")
        ? new LinkedHashSet<>(nodes.strings(fields.get("scopes"), what + ".scopes", "[orders:read]"))
        : new LinkedHashSet<>();
    List<CertificateNames.Name> certificates = new ArrayList<>();
    if (fields.containsKey("certificate")) {
      if (!schemes.contains(AuthScheme.MTLS)) {
        problems.add(Nodes.keyNode(node, "certificate"), what + ".certificate: only applies with mtls in auth");
      }
      certificates(fields.get("certificate"), what + ".certificate", certificates);
    }
    return ok ? new Requirement(schemes, roles, scopes, certificates) : null;
  }

  private void certificates(Node node, String what, List<CertificateNames.Name> into) {
    Map<String, Node> fields = nodes.mapping(node, what, CERTIFICATE_KEYS);
    if (fields.containsKey("subjects")) {
      for (Node item : nodes.sequence(fields.get("subjects"), what + ".subjects", "[\"CN=billing,O=Example\"]")) {
        CertificateNames.Name name = names.certificateSubject(item, what + ".subjects");
        if (name != null) {
          into.add(name);
        }
      }
    }
    if (fields.containsKey("sans")) {
      for (Node item : nodes.sequence(fields.get("sans"), what + ".sans", "[dns:billing.internal]")) {
        CertificateNames.Name name = names.certificateSan(item, what + ".sans");
        if (name != null) {
          into.add(name);
        }
      }
    }
    if (fields.isEmpty()) {
      problems.add(node, what + ": expected subjects or sans");
    }
  }

  private static List<String> keywords() {
    List<String> keywords = new ArrayList<>();
    for (AuthScheme scheme : AuthScheme.values()) {
      keywords.add(scheme.keyword());
    }
    return keywords;
  }
}
