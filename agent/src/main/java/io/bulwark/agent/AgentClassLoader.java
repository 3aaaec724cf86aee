package io.bulwark.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Bulwark's engine and its libraries from the agent jar's private folder, where classes are
 * stored as {@code bulwark/inst/<name>.classdata}: no other class loader can find them there, so an
 * application that bundles its own Jackson, Byte Buddy or SLF4J never meets ours, and ours never
 * meets theirs (the parent is the platform loader, not the application's).
 *
 * <p>Resource lookups are mapped the same way, including {@code X.class} to {@code X.classdata}, so
 * a library that reads its own classes' bytes as resources finds them.
 */
final class AgentClassLoader extends ClassLoader {

  static final String PREFIX = "bulwark/inst/";
  private static final String BRIDGE_PREFIX = "io/bulwark/bridge/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;
  private final boolean ownsBridge;

  /**
   * @param ownsBridge true on the command line, where no bootstrap bridge exists and this loader
   *     defines the bridge classes itself
   */
  AgentClassLoader(File agentJar, boolean ownsBridge) throws IOException {
    super("bulwark", ClassLoader.getPlatformClassLoader());
    this.jar = new JarFile(agentJar, false);
    this.jarUrl = agentJar.toURI().toURL().toExternalForm();
    this.domain = new ProtectionDomain(
        new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null), null, this, null);
    this.ownsBridge = ownsBridge;
  }

  /**
   * On the command line, the attach API (module jdk.attach, defined to the system class loader, not
   * the platform loader this loader's parent is) is taken from the system class loader.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (ownsBridge && name.startsWith(ATTACH_API)) {
      return ClassLoader.getSystemClassLoader().loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  private static final String ATTACH_API = "com.sun.tools.attach.";

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/');
    JarEntry entry = jar.getJarEntry(PREFIX + path + ".classdata");
    if (entry == null && ownsBridge && path.startsWith(BRIDGE_PREFIX)) {
      entry = jar.getJarEntry(path + ".class");
    }
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String packageName = name.substring(0, dot);
      if (getDefinedPackage(packageName) == null) {
        try {
          definePackage(packageName, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
          // another thread defined it first
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  @Override
  protected URL findResource(String name) {
    String entry = entryName(name);
    if (jar.getEntry(entry) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + entry);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    JarEntry entry = jar.getJarEntry(entryName(name));
    if (entry == null) {
      return super.getResourceAsStream(name);
    }
    try {
      return jar.getInputStream(entry);
    } catch (IOException e) {
      return null;
    }
  }

  private static String entryName(String resource) {
    return resource.endsWith(".class")
        ? PREFIX + resource.substring(0, resource.length() - ".class".length()) + ".classdata"
        : PREFIX + resource;
  }
}
