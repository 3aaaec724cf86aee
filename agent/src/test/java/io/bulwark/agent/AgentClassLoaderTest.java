package io.bulwark.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar laid out like bulwark-agent.jar: the bridge at the root, everything else hidden as classdata. */
class AgentClassLoaderTest {

  private static final String HIDDEN = "x.Y";
  private static final String BRIDGE = "io.bulwark.bridge.Z";

  @TempDir
  static Path dir;
  private static File jar;
  private static byte[] hiddenClass;
  private static final byte[] HIDDEN_RESOURCE = "hidden resource".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void buildAgentJar() throws IOException {
    hiddenClass = classNamed(HIDDEN, "Y from classdata");
    byte[] bridgeClass = classNamed(BRIDGE, "Z from the jar's root");
    jar = dir.resolve("agent.jar").toFile();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
      put(out, "bulwark/inst/x/Y.classdata", hiddenClass);
      put(out, "bulwark/inst/x/y.txt", HIDDEN_RESOURCE);
      put(out, "io/bulwark/bridge/Z.class", bridgeClass);
    }
  }

  /** A class {@code name} whose toString() returns {@code text}. */
  private static byte[] classNamed(String name, String text) {
    return new ByteBuddy().subclass(Object.class).name(name)
        .method(named("toString")).intercept(FixedValue.value(text))
        .make().getBytes();
  }

  private static void put(JarOutputStream out, String entry, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(entry));
    out.write(bytes);
    out.closeEntry();
  }

  private static byte[] read(InputStream in) throws IOException {
    try (InputStream stream = in) {
      return stream.readAllBytes();
    }
  }

  @Test
  void hiddenClassIsDefinedFromItsClassdataEntry() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, false);

    Class<?> y = loader.loadClass(HIDDEN);

    assertSame(loader, y.getClassLoader());
    assertEquals("Y from classdata", y.getConstructor().newInstance().toString());
    assertNotNull(y.getPackage(), "its package is defined");
    assertEquals(jar.toURI().toURL(), y.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void classResourceIsMappedToItsClassdataEntry() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, false);

    URL url = loader.getResource("x/Y.class");

    assertNotNull(url);
    assertTrue(url.toString().endsWith("!/bulwark/inst/x/Y.classdata"), url.toString());
    assertArrayEquals(hiddenClass, read(url.openStream()));
    assertArrayEquals(hiddenClass, read(loader.getResourceAsStream("x/Y.class")));
    assertEquals(Collections.list(loader.getResources("x/Y.class")), java.util.List.of(url));
  }

  @Test
  void otherResourcesAreReadFromThePrivateFolder() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, false);

    assertArrayEquals(HIDDEN_RESOURCE, read(loader.getResource("x/y.txt").openStream()));
    assertArrayEquals(HIDDEN_RESOURCE, read(loader.getResourceAsStream("x/y.txt")));
    assertNull(loader.getResource("x/missing.txt"));
    assertNull(loader.getResourceAsStream("x/missing.txt"));
  }

  @Test
  void hiddenClassIsInvisibleToTheSystemLoaderAndToAnyLoaderOfTheJar() throws Exception {
    assertThrows(ClassNotFoundException.class, () -> ClassLoader.getSystemClassLoader().loadClass(HIDDEN));
    try (URLClassLoader application = new URLClassLoader(new URL[] {jar.toURI().toURL()}, null)) {
      assertThrows(ClassNotFoundException.class, () -> application.loadClass(HIDDEN),
          "-javaagent puts the jar on the system class path: the classdata must stay hidden there");
      assertNull(application.getResource("x/Y.class"));
      assertEquals(application, application.loadClass(BRIDGE).getClassLoader(), "the bridge is meant to be seen");
    }
  }

  @Test
  void applicationClassesAreInvisibleToTheAgentLoader() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, false);

    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Test.class.getName()));
    assertSame(String.class, loader.loadClass("java.lang.String"));
    assertNotNull(loader.loadClass("java.sql.Connection"), "the platform's modules are visible");
  }

  @Test
  void bridgeClassesAreLeftToTheBootstrapLoaderInAgentMode() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, false);

    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(BRIDGE));
  }

  @Test
  void bridgeClassesAreDefinedByTheLoaderItselfOnTheCommandLine() throws Exception {
    AgentClassLoader loader = new AgentClassLoader(jar, true);

    Class<?> z = loader.loadClass(BRIDGE);

    assertSame(loader, z.getClassLoader());
    assertEquals("Z from the jar's root", z.getConstructor().newInstance().toString());
  }

  @Test
  void onlyBridgeClassesAreTakenFromTheJarsRoot() throws Exception {
    Path other = dir.resolve("other-root.jar");
    try (OutputStream file = Files.newOutputStream(other); JarOutputStream out = new JarOutputStream(file)) {
      put(out, "com/example/Root.class", classNamed("com.example.Root", "root"));
    }
    AgentClassLoader loader = new AgentClassLoader(other.toFile(), true);

    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.example.Root"));
  }
}
