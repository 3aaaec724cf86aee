package io.bulwark.policy.load;

import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads policy files (YAML, or JSON, which YAML 1.2 includes) into an immutable {@link Policy}.
 * Every problem is reported with file, line and column and what was expected there.
 */
public final class PolicyLoader {

  /** Policies are small; anything bigger is a mistake (or an attack on the parser). */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private static final String BUILT_IN_DESCRIPTION =
      "built-in: mode enforce, onAgentError allow, no rules, default allow, audit deny/monitor/error"
          + " to ./bulwark-audit.jsonl";

  private PolicyLoader() {}

  /**
   * The policy that applies when none is given, or when the given one cannot be used: nothing is
   * denied by route, and Bulwark's other protections keep their defaults.
   */
  public static Policy builtIn() {
    return BUILT_IN;
  }

  private static final Policy BUILT_IN = createBuiltIn();

  private static Policy createBuiltIn() {
    return Policy.builder(SourceLocation.BUILT_IN.file(),
        sha256(BUILT_IN_DESCRIPTION.getBytes(StandardCharsets.UTF_8))).build();
  }

  public static Policy load(Path file) throws PolicyException {
    return load(read(file), file.toString());
  }

  /**
   * The policy the agent starts with, loaded in premain: as {@link #load}, except that {@code when:}
   * conditions are compiled when first used (see {@link io.bulwark.policy.authz.Condition}), so
   * nothing here starts java.util.logging before the application has set up its logging.
   */
  public static Policy loadAtAgentStart(Path file) throws PolicyException {
    byte[] bytes = read(file);
    return parse(decode(bytes, file.toString()), file.toString(), sha256(bytes), true);
  }

  /**
   * The bytes of a policy file, at most {@link #MAX_FILE_BYTES}.
   *
   * @throws PolicyException when the file cannot be read or is too large
   */
  public static byte[] read(Path file) throws PolicyException {
    String name = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw single(name, "cannot read the policy file: no such file");
    } catch (IOException e) {
      throw single(name, "cannot read the policy file: " + e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw single(name, "the policy file is larger than " + MAX_FILE_BYTES + " bytes");
    }
    return bytes;
  }

  /** Reads a policy file's bytes (UTF-8); {@code sourceName} names the file in the policy and in messages. */
  public static Policy load(byte[] bytes, String sourceName) throws PolicyException {
    return parse(decode(bytes, sourceName), sourceName, sha256(bytes), false);
  }

  private static String decode(byte[] bytes, String sourceName) throws PolicyException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw single(sourceName, "the policy file is not valid UTF-8");
    }
  }

  /** Parses policy text; {@code sourceName} is used in error messages. */
  public static Policy parse(String text, String sourceName) throws PolicyException {
    return parse(text, sourceName, sha256(text.getBytes(StandardCharsets.UTF_8)), false);
  }

  private static Policy parse(String text, String sourceName, String sha256, boolean conditionsOnFirstUse)
      throws PolicyException {
    Problems problems = new Problems(sourceName);
    Node root = compose(text, sourceName, problems);
    if (root == null && problems.isEmpty()) {
      problems.add(Optional.empty(), "the policy is empty; expected a mapping starting with 'version: 1'");
    }
    Policy policy = problems.isEmpty() ? new PolicyReader(problems, conditionsOnFirstUse).read(root, sha256) : null;
    if (policy == null) {
      throw new PolicyException(problems.list());
    }
    return policy;
  }

  private static Node compose(String text, String sourceName, Problems problems) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(sourceName)
        .setMaxAliasesForCollections(50)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(MAX_FILE_BYTES)
        .build();
    try {
      return new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      problems.add(e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark(),
          "not valid YAML or JSON: " + problem);
    } catch (YamlEngineException e) {
      problems.add(Optional.empty(), "not valid YAML or JSON: " + e.getMessage());
    }
    return null;
  }

  private static PolicyException single(String file, String message) {
    return new PolicyException(List.of(new Problem(new SourceLocation(file, 0, 0), message)));
  }

  /** Hex SHA-256, as policies report their digest. */
  public static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
