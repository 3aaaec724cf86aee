package io.bulwark.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final InputStream stdin = KeysCommand.input;

  @AfterEach
  void restore() {
    KeysCommand.input = stdin;
  }

  private int run(String stdinText, String... args) {
    KeysCommand.input = new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8));
    return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void hashPrintsTheSha256OfTheKeyOnStandardInput() {
    assertEquals(0, run("demo-key\n", "keys", "hash"));
    // printf '%s' demo-key | sha256sum
    assertEquals("c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c", out.toString().trim());
  }

  @Test
  void hashWithoutAKeyIsAUsageError() {
    assertEquals(2, run("", "keys", "hash"));
    assertTrue(err.toString().contains("expected the API key on standard input"), err.toString());
  }

  @Test
  void generatedKeyIsAcceptedByAPolicyListingItsDigest() throws Exception {
    assertEquals(0, run("", "keys", "generate"));
    String[] lines = out.toString().split("\n");
    String key = lines[0].substring("key     ".length()).trim();
    String digest = lines[1].substring("sha256  ".length()).trim();
    assertEquals(43, key.length(), "256 random bits, base64url");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        version: 1
        identities:
          apiKeys: { in: header:X-API-Key, keys: [{ id: new-client, sha256: %s }] }
        rules:
          - name: api
            match: { path: /api/** }
            require: { auth: [apiKey] }
        default: deny
        """.formatted(digest));
    StringWriter explained = new StringWriter();
    int status = Cli.run(new PrintWriter(explained, true), new PrintWriter(err, true),
        "policy", "explain", policy.toString(), "--path", "/api/x", "--header", "X-API-Key: " + key);
    assertEquals(0, status, explained + "\n" + err);
    assertTrue(explained.toString().contains("principal     'new-client' by apiKey"), explained.toString());
    out.getBuffer().setLength(0);
    run("", "keys", "generate");
    assertNotEquals(key, out.toString().split("\n")[0].substring(8).trim(), "every key is new");
  }
}
