package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the suite launches (set by Surefire from the pom). */
public final class TestPaths {

  private TestPaths() {}

  public static Path repoRoot() {
    return property("bulwark.repo.root");
  }

  public static Path agentJar() {
    Path jar = property("bulwark.agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: build with ./mvnw verify (the agent is"
          + " packaged before the integration tests run)");
    }
    return jar;
  }

  public static Path appsDir() {
    return property("bulwark.apps.dir");
  }

  /** A fresh folder under target/it-work for one test class's files. */
  public static Path workDir(String name) {
    try {
      Path root = property("bulwark.work.dir");
      Files.createDirectories(root);
      return Files.createTempDirectory(root, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set; run the suite through Maven");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}
