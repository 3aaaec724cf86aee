package io.bulwark.policy.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The repository's documentation as test input: the schema, and the policies the docs show. */
final class DocumentedPolicies {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A fenced block whose info string is {@code yaml policy} (optionally followed by a tag). */
  private static final Pattern POLICY_BLOCK = Pattern.compile("```yaml policy([^\\n]*)\\n(.*?)```", Pattern.DOTALL);

  private DocumentedPolicies() {}

  /** One policy shown in the docs: where it is, its tag (e.g. {@code all-keys}) and its text. */
  record Example(String where, String tag, String yaml) {
    @Override
    public String toString() {
      return where;
    }
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/policy.schema.json"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("docs/policy.schema.json not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static JsonNode schemaJson() {
    try {
      return JSON.readTree(Files.readString(repoRoot().resolve("docs/policy.schema.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonSchema schema() {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
  }

  /** Every policy block of docs/policy.md and README.md, and examples/demo/policy.yaml. */
  static List<Example> all() {
    List<Example> examples = new ArrayList<>();
    for (String doc : List.of("docs/policy.md", "README.md")) {
      String text = read(doc);
      Matcher block = POLICY_BLOCK.matcher(text);
      while (block.find()) {
        int line = 1 + (int) text.substring(0, block.start()).chars().filter(c -> c == '\n').count();
        examples.add(new Example(doc + ":" + line, block.group(1).trim(), block.group(2)));
      }
    }
    examples.add(new Example("examples/demo/policy.yaml", "", read("examples/demo/policy.yaml")));
    return examples;
  }

  /** The one documented policy that uses every key (tagged {@code all-keys}). */
  static Example allKeys() {
    List<Example> tagged = all().stream().filter(e -> e.tag().equals("all-keys")).toList();
    if (tagged.size() != 1) {
      throw new AssertionError("expected exactly one ```yaml policy all-keys block in the docs, found " + tagged);
    }
    return tagged.get(0);
  }

  private static String read(String relative) {
    try {
      return Files.readString(repoRoot().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML as the agent reads it (YAML 1.2, SnakeYAML Engine), as a JSON tree for the validator. */
  static JsonNode toJson(String yaml) {
    Object value = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    return JSON.valueToTree(value);
  }
}
