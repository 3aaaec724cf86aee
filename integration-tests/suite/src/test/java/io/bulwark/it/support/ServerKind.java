package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test servers, and how to launch each as a child JVM. */
public enum ServerKind {
  TOMCAT_9("Tomcat 9.0 (javax)", 11) {
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
  TOMCAT_11("Tomcat 11.0 (jakarta)", 17) {
    @Override
    List<String> launch() {
      return classpathMain(app("tomcat11-app"), null, "io.bulwark.it.app.TomcatMain");
    }
  },
  JETTY_12("Jetty 12.1 ee10 (jakarta)", 17) {
    @Override
    List<String> launch() {
      Path app = app("jetty12-app");
      return classpathMain(app, jar(app, "bulwark-it-jetty12-app-*.jar", null), "io.bulwark.it.jetty.JettyMain");
    }
  },
  UNDERTOW("Undertow 2.3 (jakarta)", 11) {
    @Override
    List<String> launch() {
      Path app = app("undertow-app");
      return classpathMain(app, jar(app, "bulwark-it-undertow-app-*.jar", null), "io.bulwark.it.undertow.UndertowMain");
    }
  },
  SPRING_BOOT("Spring Boot 3.5 fat jar (jakarta, Spring MVC)", 17, Routing.SPRING_MVC) {
    @Override
    List<String> launch() {
      return List.of("-jar", app("spring-boot-app").resolve("target/spring-boot-app.jar").toString());
    }
  },
  JERSEY_2_GRIZZLY("Jersey 2.46 on Grizzly (javax, no servlet)", 11, Routing.JAX_RS) {
    @Override
    List<String> launch() {
      Path app = app("jaxrs-app");
      return classpathMain(app, jar(app, "bulwark-it-jaxrs-app-*.jar", "-jakarta"),
          "io.bulwark.it.jaxrs.JerseyGrizzlyMain");
    }
  },
  JERSEY_3_GRIZZLY("Jersey 3.1 on Grizzly (jakarta, no servlet)", 11, Routing.JAX_RS) {
    @Override
    List<String> launch() {
      return classpathMain(app("jersey3-app"), null, "io.bulwark.it.jaxrs.JerseyGrizzlyMain");
    }
  },
  RESTEASY("RESTEasy 6.2 on Undertow (jakarta)", 11, Routing.JAX_RS) {
    @Override
    List<String> launch() {
      Path app = app("resteasy-app");
      return classpathMain(app, jar(app, "bulwark-it-resteasy-app-*.jar", null),
          "io.bulwark.it.resteasy.ResteasyUndertowMain");
    }
  },
  CXF("Apache CXF 4.0 on Tomcat 10.1 (jakarta)", 11, Routing.JAX_RS) {
    @Override
    List<String> launch() {
      Path app = app("cxf-app");
      return classpathMain(app, jar(app, "bulwark-it-cxf-app-*.jar", null), "io.bulwark.it.cxf.CxfTomcatMain");
    }
  };

  /** Which routing framework serves the app: what the route rules of the shared suite see. */
  public enum Routing { NONE, JAX_RS, SPRING_MVC }

  private final String description;
  private final int minimumJdk;
  private final Routing routing;

  ServerKind(String description, int minimumJdk) {
    this(description, minimumJdk, Routing.NONE);
  }

  ServerKind(String description, int minimumJdk, Routing routing) {
    this.description = description;
    this.minimumJdk = minimumJdk;
    this.routing = routing;
  }

  public Routing routing() {
    return routing;
  }

  /** Servlet apps dispatch forward, include, async and error; JAX-RS apps async and an exception mapper. */
  public List<String[]> dispatches() {
    if (routing == Routing.JAX_RS) {
      return List.of(new String[] {"/async", "200", "hello"}, new String[] {"/boom", "500", "error-page"});
    }
    return List.of(new String[] {"/forward", "200", "hello"}, new String[] {"/include", "200", "hello"},
        new String[] {"/async", "200", "hello"}, new String[] {"/boom", "500", "error-page"});
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
