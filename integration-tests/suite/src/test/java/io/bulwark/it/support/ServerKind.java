package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test servers, and how to launch each as a child JVM. */
public enum ServerKind {
  TOMCAT_9("Tomcat 9 (javax)", 11) {
    @Override
    List<String> launch() {
      Path app = app("servlet-app");
      return classpathMain(app, jar(app, "bulwark-it-servlet-app-*.jar", "-jakarta"), "io.bulwark.it.app.TomcatMain");
    }
  },
  TOMCAT_10("Tomcat 10.1 (jakarta)", 11) {
    @Override
    List<String> launch() {
      return classpathMain(app("tomcat10-app"), null, "io.bulwark.it.app.TomcatMain");
    }
  },
  JETTY_12("Jetty 12 ee10 (jakarta)", 17) {
    @Override
    List<String> launch() {
      Path app = app("jetty12-app");
      return classpathMain(app, jar(app, "bulwark-it-jetty12-app-*.jar", null), "io.bulwark.it.jetty.JettyMain");
    }
  },
  SPRING_BOOT("Spring Boot 3 fat jar (jakarta)", 17) {
    @Override
    List<String> launch() {
      return List.of("-jar", app("spring-boot-app").resolve("target/spring-boot-app.jar").toString());
    }
  };

  private final String description;
  private final int minimumJdk;

  ServerKind(String description, int minimumJdk) {
    this.description = description;
    this.minimumJdk = minimumJdk;
  }

  public String description() {
    return description;
  }

  public int minimumJdk() {
    return minimumJdk;
  }

  /** The java arguments after the JVM options: class path and main class, or -jar. */
  abstract List<String> launch();

  private static Path app(String name) {
    return TestPaths.appsDir().resolve(name);
  }

  private static List<String> classpathMain(Path app, Path ownJar, String mainClass) {
    try {
      String classpath = Files.readString(app.resolve("target/classpath.txt")).trim();
      List<String> args = new ArrayList<>();
      args.add("-cp");
      args.add(ownJar == null ? classpath : ownJar + java.io.File.pathSeparator + classpath);
      args.add(mainClass);
      return args;
    } catch (IOException e) {
      throw new UncheckedIOException("the app " + app + " is not built (run ./mvnw verify)", e);
    }
  }

  private static Path jar(Path app, String glob, String excludedSuffix) {
    try (var jars = Files.newDirectoryStream(app.resolve("target"), glob)) {
      for (Path jar : jars) {
        if (excludedSuffix == null || !jar.getFileName().toString().endsWith(excludedSuffix + ".jar")) {
          return jar;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no " + glob + " in " + app.resolve("target") + " (run ./mvnw verify)");
  }
}
