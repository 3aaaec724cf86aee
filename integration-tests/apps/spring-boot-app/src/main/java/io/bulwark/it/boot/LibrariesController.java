package io.bulwark.it.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /libs: the versions of the libraries the app bundles, each one exercised, serialized by the
 * app's own Jackson. With the agent attached these must still be the app's versions.
 */
@RestController
public class LibrariesController {

  @GetMapping("/libs")
  public Map<String, String> libraries() throws Exception {
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    libraries.put("byteBuddy", mavenVersion(ByteBuddy.class, "net.bytebuddy", "byte-buddy"));
    Object generated = new ByteBuddy()
        .subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the app's Byte Buddy"))
        .make()
        .load(getClass().getClassLoader())
        .getLoaded()
        .getDeclaredConstructor()
        .newInstance();
    libraries.put("byteBuddyGenerated", generated.toString());
    libraries.put("slf4jBinding", LoggerFactory.getILoggerFactory().getClass().getName());
    libraries.put("logback",
        mavenVersion(LoggerFactory.getILoggerFactory().getClass(), "ch.qos.logback", "logback-classic"));
    // What of Bulwark the application can see: the bootstrap bridge, nothing else.
    libraries.put("bridgeVisible", String.valueOf(visible("io.bulwark.bridge.Bulwark")));
    libraries.put("engineVisible", String.valueOf(visible("io.bulwark.policy.engine.BulwarkEngine")));
    libraries.put("agentJacksonVisible",
        String.valueOf(visible("io.bulwark.shaded.com.fasterxml.jackson.core.JsonFactory")));
    libraries.put("agentAsmVisible", String.valueOf(visible("io.bulwark.shaded.org.objectweb.asm.ClassReader")));
    return libraries;
  }

  private boolean visible(String className) {
    try {
      Class.forName(className, false, getClass().getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String mavenVersion(Class<?> anchor, String group, String artifact) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = anchor.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    }
    return properties.getProperty("version", "unknown");
  }
}
