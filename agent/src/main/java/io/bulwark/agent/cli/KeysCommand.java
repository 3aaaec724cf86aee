package io.bulwark.agent.cli;

import io.bulwark.policy.auth.ApiKeyAuthenticator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keys ...}: make and hash API keys for {@code identities.apiKeys}. */
@Command(name = "keys", description = "Make API keys and the SHA-256 digests a policy lists.",
    subcommands = {KeysCommand.Hash.class, KeysCommand.Generate.class})
final class KeysCommand implements Runnable {

  /** Where {@code keys hash} reads the key; standard input unless a test says otherwise. */
  static InputStream input = System.in;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "hash", description = {
      "Read an API key from standard input (one line) and print its SHA-256 digest in hex,",
      "for identities.apiKeys.keys[].sha256. The key is never taken as an argument, so it stays",
      "out of shell histories and process lists.",
      "Example: printf '%s' \"$KEY\" | java -jar bulwark-agent.jar keys hash"})
  static final class Hash implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
      String key = reader.readLine();
      if (key == null || key.trim().isEmpty()) {
        spec.commandLine().getErr().println("keys hash: expected the API key on standard input");
        return 2;
      }
      spec.commandLine().getOut().println(hex(ApiKeyAuthenticator.sha256(key.trim())));
      return 0;
    }
  }

  @Command(name = "generate", description = {
      "Print a new random API key (256 bits, base64url) and its SHA-256 digest.",
      "Give the key to the client; put only the digest in the policy."})
  static final class Generate implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      PrintWriter out = spec.commandLine().getOut();
      out.println("key     " + key);
      out.println("sha256  " + hex(ApiKeyAuthenticator.sha256(key)));
      return 0;
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }
}
