package io.bulwark.policy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every policy the documentation shows is loaded by the agent's reader and validated against
 * docs/policy.schema.json with a JSON Schema 2020-12 validator; mistakes are refused by both.
 */
class DocumentedPoliciesTest {

  private static final JsonSchema SCHEMA = DocumentedPolicies.schema();

  static Stream<DocumentedPolicies.Example> examples() {
    return DocumentedPolicies.all().stream();
  }

  @Test
  void theDocsShowPolicies() {
    List<DocumentedPolicies.Example> all = DocumentedPolicies.all();
    assertTrue(all.size() >= 5, "policy blocks found: " + all);
    assertTrue(all.stream().anyMatch(e -> e.where().startsWith("README.md")), all.toString());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void documentedPolicyLoads(DocumentedPolicies.Example example) throws PolicyException {
    PolicyLoader.parse(example.yaml(), example.where());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void documentedPolicyIsValidAgainstTheSchema(DocumentedPolicies.Example example) {
    Set<ValidationMessage> errors = SCHEMA.validate(DocumentedPolicies.toJson(example.yaml()));
    assertEquals(Set.of(), errors, example.where());
  }

  @Test
  void schemaIsAValidDraft202012Schema() {
    JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertEquals(Set.of(), metaSchema.validate(DocumentedPolicies.schemaJson()));
  }

  /** Mistakes the schema catches in an editor are refused by the agent too. */
  @ParameterizedTest
  @ValueSource(strings = {
      "version: 2",
      "version: 1\nmdoe: monitor",
      "version: 1\nmode: block",
      "version: 1\nrules: [{ name: a, match: { path: /a }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: a }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { methods: [GET] }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a, methods: [\"G T\"] }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a, hosts: [\"a.com:80\"] }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a, headers: { X-A: [] } }, action: allow }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a }, action: block }]",
      "version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a }, action: allow, extra: 1 }]",
      "version: 1\nrouting: { methodOverride: { methods: [POST] } }",
      "version: 1\nrouting: { methodOverride: { headers: [X-HTTP-Method-Override], methods: [] } }",
      "version: 1\nrouting: { suffixMatch: 1 }",
      "version: 1\naudit: { events: [everything] }",
      "version: 1\naudit: { file: \"\" }",
      "version: 1\naudit: { maxFiles: 0 }",
      "version: 1\naudit: { queueFullWait: 5 }",
      "version: 1\naudit: { maxFileSize: 1TB }"})
  void invalidPolicyIsRefusedByTheSchemaAndTheReader(String yaml) {
    assertFalse(SCHEMA.validate(DocumentedPolicies.toJson(yaml)).isEmpty(), "the schema accepts:\n" + yaml);
    assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "p.yaml"), "the reader accepts:\n" + yaml);
  }
}
