package io.bulwark.it.app;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.InitialContext;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Deliberately vulnerable code, one method per sink family, shared by the servlet and the Spring
 * MVC test apps: each builds its operation from request input the way real applications get it
 * wrong (string-built SQL, a shell command line, a path joined to a directory, a URL fetched as
 * given, XML parsed with the JDK's defaults, a JNDI name looked up, a body deserialized).
 */
public final class SinkFamilies {

  private static final Path FILES = createFiles();

  private SinkFamilies() {}

  /** {@code db}: h2, postgres or mariadb. Names of the users whose name is {@code name}. */
  public static String sql(String db, String name) throws SQLException {
    try (Connection connection = connect(db)) {
      seed(connection);
      List<String> names = new ArrayList<>();
      if (db.equals("mariadb")) {
        // "Escapes" quotes the standard way, which MariaDB's backslash escapes undo.
        String escaped = name.replace("'", "''");
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT name FROM bulwark_sink_users WHERE name = '" + escaped
                + "' ORDER BY name")) {
          while (rows.next()) {
            names.add(rows.getString(1));
          }
        }
      } else if (db.equals("postgres")) {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT name FROM bulwark_sink_users WHERE name = '" + name + "' ORDER BY name");
            ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            names.add(rows.getString(1));
          }
        }
      } else {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT name FROM bulwark_sink_users WHERE name = '" + name
                + "' ORDER BY name")) {
          while (rows.next()) {
            names.add(rows.getString(1));
          }
        }
      }
      return String.join(",", names);
    }
  }

  private static Connection connect(String db) throws SQLException {
    switch (db) {
      case "postgres":
        return DriverManager.getConnection(env("BULWARK_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      case "mariadb":
        return DriverManager.getConnection(env("BULWARK_TEST_MARIADB",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password="));
      default:
        load("org.h2.Driver"); // a fat jar's nested jars are not on DriverManager's service path
        return DriverManager.getConnection("jdbc:h2:mem:sinks;DB_CLOSE_DELAY=-1");
    }
  }

  private static void load(String driver) throws SQLException {
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("no driver " + driver, e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static void seed(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS bulwark_sink_users (name VARCHAR(64))");
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM bulwark_sink_users")) {
        rows.next();
        if (rows.getInt(1) == 0) {
          statement.execute("INSERT INTO bulwark_sink_users (name) VALUES ('alice'), ('bob'), ('carol')");
        }
      }
    }
  }

  /** As {@link #sql} on H2, with the name taken from a JSON body {@code {"name": "..."}}. */
  public static String sqlFromJson(InputStream body) throws IOException, SQLException {
    String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    int key = json.indexOf("\"name\"");
    int open = key < 0 ? -1 : json.indexOf('"', json.indexOf(':', key) + 1);
    int close = open < 0 ? -1 : json.indexOf('"', open + 1);
    return close < 0 ? "no name" : sql("h2", json.substring(open + 1, close));
  }

  /** Runs a shell command line built from {@code host}. */
  public static String command(String host) throws IOException, InterruptedException {
    Process process = Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo checking " + host});
    byte[] out = process.getInputStream().readAllBytes();
    process.waitFor();
    return new String(out, StandardCharsets.UTF_8).trim();
  }

  /** Reads {@code name} from the app's files directory. */
  public static String file(String name) throws IOException {
    try (InputStream in = new FileInputStream(new File(FILES.toFile(), name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Fetches {@code url} (a link preview, a webhook test). */
  public static String fetch(String url) throws IOException {
    try (InputStream in = new URL(url).openStream()) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }
  }

  /** The text of an XML document's root, parsed with the JDK's default (entity-resolving) parser. */
  public static String xml(InputStream body) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(body).getDocumentElement().getTextContent();
  }

  /** Looks {@code name} up in JNDI (a configurable data source name). */
  public static String jndi(String name) {
    Hashtable<String, String> env = new Hashtable<>(); // no factory: only URL names (ldap:, rmi:) resolve
    env.put("com.sun.jndi.ldap.connect.timeout", "2000");
    env.put("com.sun.jndi.ldap.read.timeout", "2000");
    try {
      Object found = new InitialContext(env).lookup(name);
      return "found " + found;
    } catch (Exception e) {
      return "lookup failed: " + e.getClass().getSimpleName();
    }
  }

  /** Deserializes the body (a session blob sent back by the client). */
  public static String deserialize(InputStream body) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(body)) {
      Object read = in.readObject();
      return "read " + read.getClass().getName();
    }
  }

  private static boolean ownFilterSet;

  /**
   * An application that sets its own JVM-wide deserialization filter (it refuses java.util.Date)
   * the first time this runs, then deserializes the body through it. The JDK lets that filter be
   * set once; an agent that set its own first must not make the application's call fail.
   */
  public static synchronized String deserializeWithOwnFilter(InputStream body) throws IOException,
      ClassNotFoundException {
    String set;
    if (ownFilterSet) {
      set = "own filter already set";
    } else {
      try {
        java.io.ObjectInputFilter.Config.setSerialFilter(info -> info.serialClass() == java.util.Date.class
            ? java.io.ObjectInputFilter.Status.REJECTED : java.io.ObjectInputFilter.Status.UNDECIDED);
        ownFilterSet = true;
        set = "own filter set";
      } catch (IllegalStateException e) {
        return "own filter refused: " + e.getMessage();
      }
    }
    try {
      return set + "; " + deserialize(body);
    } catch (java.io.InvalidClassException e) {
      return set + "; rejected";
    }
  }

  /** What /sinks/secret answers: only the server itself should ever see it. */
  public static final String SECRET = "internal-secret-42";

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  private static Path createFiles() {
    try {
      Path dir = Files.createTempDirectory("bulwark-it-files");
      Files.writeString(dir.resolve("hello.txt"), "hello file");
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * What an application binding a form sees: the names of its parameter map, sorted, each value
   * longer than 100 characters shown by its length ({@code notes=300000}).
   */
  public static String parameterNames(java.util.Map<String, String[]> parameters) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (java.util.Map.Entry<String, String[]> parameter : new java.util.TreeMap<>(parameters).entrySet()) {
      String[] values = parameter.getValue();
      int length = values.length == 0 ? 0 : values[0].length();
      names.add(length > 100 ? parameter.getKey() + "=" + length : parameter.getKey());
    }
    return String.join(",", names);
  }
}
