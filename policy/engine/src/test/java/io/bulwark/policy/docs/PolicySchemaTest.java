package io.bulwark.policy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.load.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.schema.json and the policy reader accept exactly the same keys, everywhere.
 *
 * <p>The reader's keys are learned from the reader itself: an unknown key is put into the
 * documented all-keys policy at each place the schema describes, and the reader's error message
 * lists what it expected there. So a key added to a reader and not to the schema (or the other way
 * round) fails here, and so does a documented all-keys policy that misses a section.
 */
class PolicySchemaTest {

  private static final String PROBE = "zzProbeKey";

  @Test
  void schemaAndReaderAcceptTheSameKeysEverywhere() {
    JsonNode schema = DocumentedPolicies.schemaJson();
    JsonNode complete = DocumentedPolicies.toJson(DocumentedPolicies.allKeys().yaml());
    List<String> checked = new ArrayList<>();
    walk(schema, schema, complete, complete, new ArrayList<>(), "policy", checked);
    assertTrue(checked.containsAll(List.of("policy", "policy.rules[0]", "policy.rules[0].match", "policy.audit",
        "policy.routing", "policy.routing.methodOverride")), checked.toString());
  }

  private void walk(JsonNode root, JsonNode schema, JsonNode completeDoc, JsonNode doc, List<Object> location,
      String label, List<String> checked) {
    schema = resolve(root, schema);
    if (schema.has("properties")) {
      assertEquals(false, schema.path("additionalProperties").asBoolean(true),
          label + ": every object with fixed keys says additionalProperties: false, as the reader refuses"
              + " unknown keys");
      Set<String> schemaKeys = new TreeSet<>();
      schema.get("properties").fieldNames().forEachRemaining(schemaKeys::add);
      assertEquals(schemaKeys, readerKeys(completeDoc, location, label), label
          + ": the keys in docs/policy.schema.json differ from the keys the reader accepts");
      checked.add(label);
      for (String key : schemaKeys) {
        JsonNode property = resolve(root, schema.get("properties").get(key));
        if (hasObjects(root, property)) {
          if (!doc.has(key)) {
            fail("the all-keys policy in docs/policy.md lacks " + label + "." + key);
          }
          List<Object> next = new ArrayList<>(location);
          next.add(key);
          walk(root, property, completeDoc, doc.get(key), next, label + "." + key, checked);
        }
      }
    } else if (schema.has("items")) {
      if (!doc.isArray() || doc.isEmpty()) {
        fail("the all-keys policy in docs/policy.md has no item in " + label);
      }
      List<Object> next = new ArrayList<>(location);
      next.add(0);
      walk(root, schema.get("items"), completeDoc, doc.get(0), next, label + "[0]", checked);
    }
  }

  /** Whether the schema describes objects with fixed keys, or lists of them, that need probing. */
  private static boolean hasObjects(JsonNode root, JsonNode schema) {
    return schema.has("properties") || schema.has("items") && resolve(root, schema.get("items")).has("properties");
  }

  private static JsonNode resolve(JsonNode root, JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      assertTrue(ref.startsWith("#/"), "only local references: " + ref);
      JsonNode target = root;
      for (String part : ref.substring(2).split("/")) {
        target = target.get(part);
      }
      schema = target;
    }
    return schema;
  }

  /** The keys the reader accepts at {@code location}, from its own "unknown key" message. */
  private static Set<String> readerKeys(JsonNode complete, List<Object> location, String label) {
    JsonNode copy = complete.deepCopy();
    JsonNode target = copy;
    for (Object step : location) {
      target = step instanceof Integer ? target.get((Integer) step) : target.get((String) step);
    }
    ((ObjectNode) target).put(PROBE, true);
    String text;
    try {
      text = DocumentedPolicies.JSON.writeValueAsString(copy);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
    try {
      PolicyLoader.parse(text, "probe.json");
      throw new AssertionError(label + ": the reader accepted the unknown key '" + PROBE + "'");
    } catch (PolicyException e) {
      for (Problem problem : e.problems()) {
        String message = problem.message();
        if (message.contains("unknown key '" + PROBE + "'")) {
          String expected = message.substring(message.indexOf("expected one of: ") + "expected one of: ".length());
          return new TreeSet<>(Arrays.asList(expected.split(", ")));
        }
      }
      throw new AssertionError(label + ": the reader did not report the unknown key; it said:\n" + e.getMessage());
    }
  }

  @Test
  void everyPropertyIsDescribedOrSelfExplanatory() {
    // Editors show descriptions on hover: every top-level key and rule key carries one.
    JsonNode schema = DocumentedPolicies.schemaJson();
    for (String section : List.of("/properties", "/$defs/rule/properties", "/$defs/match/properties",
        "/$defs/routing/properties")) {
      Iterator<String> keys = schema.at(section).fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        JsonNode property = schema.at(section + "/" + key);
        boolean described = property.has("description") || property.has("$ref");
        assertTrue(described, section + "/" + key + " has no description");
      }
    }
    assertFalse(schema.path("$schema").asText().isEmpty());
  }
}
