package io.bulwark.policy.load;

import io.bulwark.policy.auth.Identities;
import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.AuditSettings;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds a policy document's node tree to the {@link Policy} model, reporting every mistake.
 *
 * <p>Each top-level section has its own small reader ({@link RuleReader}, {@link
 * AuditSettingsReader}, ...). To add a section: add its key to {@link #KEYS}, write a reader for it
 * in this package, and add one line to {@link #read} that hands the section's node to the reader
 * and its result to the {@link Policy.Builder}. Then add the keys to docs/policy.md and
 * docs/policy.schema.json: {@code PolicySchemaTest} fails until the schema and the readers agree.
 */
final class PolicyReader {

  static final List<String> KEYS =
      List.of("version", "mode", "onAgentError", "clients", "identities", "rules", "default", "routing",
          "rateLimitStore", "bans", "protect", "limits", "audit");

  private final Nodes nodes;
  private final Problems problems;
  private final boolean conditionsOnFirstUse;

  PolicyReader(Problems problems, boolean conditionsOnFirstUse) {
    this.problems = problems;
    this.nodes = new Nodes(problems);
    this.conditionsOnFirstUse = conditionsOnFirstUse;
  }

  /** Returns the policy, or {@code null} when problems were reported. */
  Policy read(Node root, String sha256) {
    Map<String, Node> top = nodes.mapping(root, "policy", KEYS);
    Policy.Builder policy = Policy.builder(problems.file(), sha256);
    version(root, top);
    policy.mode(nodes.keyword(top.get("mode"), "mode", Mode.class, Mode.ENFORCE));
    policy.onAgentError(nodes.keyword(top.get("onAgentError"), "onAgentError", Action.class, Action.ALLOW));
    policy.defaultAction(nodes.keyword(top.get("default"), "default", Action.class, Action.ALLOW));
    IdentitiesReader identitiesReader = new IdentitiesReader(nodes, baseDirectory());
    Identities identities = identitiesReader.read(top.get("identities"));
    policy.identities(identities);
    List<Rule> rules = new RuleReader(nodes, new RequireReader(nodes, identities, identitiesReader),
        conditionsOnFirstUse).read(top.get("rules"));
    policy.rules(rules);
    policy.routing(new RoutingReader(nodes).read(top.get("routing")));
    policy.clients(new ClientsReader(nodes).read(top.get("clients")));
    policy.rateLimitStore(new RateLimitStoreReader(nodes, baseDirectory()).read(top.get("rateLimitStore")));
    policy.bans(new BansReader(nodes).read(top.get("bans")));
    Set<String> ruleNames = new LinkedHashSet<>();
    rules.forEach(rule -> ruleNames.add(rule.name()));
    policy.protect(new ProtectReader(nodes, ruleNames).read(top.get("protect")));
    policy.limits(new LimitsReader(nodes).read(top.get("limits")));
    defaultIsWrittenWhenThereAreRules(root, top);
    AuditSettings audit = top.containsKey("audit")
        ? new AuditSettingsReader(nodes, problems).read(top.get("audit")) : AuditSettings.DEFAULT;
    // Where a credential travels in a parameter or header of the policy's choosing, the audit masks it.
    policy.audit(audit.withRedacted(identitiesReader.credentialNames()));
    return problems.isEmpty() ? policy.build() : null;
  }

  /** The policy file's folder, against which relative paths in the policy are resolved. */
  private Path baseDirectory() {
    try {
      return Paths.get(problems.file()).toAbsolutePath().getParent();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void version(Node root, Map<String, Node> top) {
    Node versionNode = top.get("version");
    if (versionNode == null) {
      if (root != null && problems.isEmpty()) {
        problems.add(root, "policy: missing 'version: 1'");
      }
      return;
    }
    Integer version = nodes.integer(versionNode, "version");
    if (version != null && version != 1) {
      problems.add(versionNode, "version: expected 1 (the only policy version this agent reads) but found " + version);
    }
  }

  /**
   * With rules, what happens to everything else is the policy's most important decision: it is
   * written down, never implied.
   */
  private void defaultIsWrittenWhenThereAreRules(Node root, Map<String, Node> top) {
    Node rulesNode = top.get("rules");
    boolean hasRules = rulesNode instanceof SequenceNode && !((SequenceNode) rulesNode).getValue().isEmpty();
    if (hasRules && !top.containsKey("default")) {
      problems.add(Nodes.keyNode(root, "rules"),
          "policy: missing 'default' (allow or deny): what happens to requests no rule matches");
    }
  }
}
