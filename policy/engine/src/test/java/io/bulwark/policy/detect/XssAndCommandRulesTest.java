package io.bulwark.policy.detect;

import static io.bulwark.policy.detect.DetectorAssertions.clean;
import static io.bulwark.policy.detect.DetectorAssertions.flagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bulwark.policy.detect.path.RestrictedUploads;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The xss and commandInjection rules for the CRS 941/932 misses: each attack and its benign look-alike. */
class XssAndCommandRulesTest {

  private static final Detectors DETECTORS = Detectors.standard();

  @Nested
  class Xss {

    @ParameterizedTest
    @ValueSource(strings = {
      "\"-->'--><!--#set var=\"a\" value=\"b\"--><!--#echo var=\"a\"-->", "<!--#include virtual=\"/etc/passwd\"-->",
      "<aai xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://a.b/ http://collector.example/aai.xsd\">aai</aai>",
      "<acp xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"http://collector.example/foo\"/></acp>",
      "foo!ENTITY % bar SYSTEM", "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
      "<importimplementation=", "<?import namespace=\"t\" implementation=\"#default#time2\">",
      "<link / asdf href  /= ", "&lt;link rel=stylesheet href=//evil.example/x.css", "'formaction=",
      "\" formaction = //evil.example", "javascript: \\u0061lert(1)", "javascript: (alert)(1)", "javascript: alert(1)",
      "\\xbctest\\xbetest(\\xa2XSS\\xa2)\\xbc/test\\xbe", "atob()", "btoa('x')",
    })
    void attacks(String value) {
      flagged(Category.XSS, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "<!--more-->", "<!-- #header -->", "<!ENTITY copy \"&#169;\">", "We use XInclude to split the DocBook sources",
      "<project xmlns=\"http://maven.apache.org/POM/4.0.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">",
      "<beans xmlns=\"http://www.springframework.org/schema/beans\" xsi:schemaLocation=\"http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd\">",
      "Call importImplementation() first", "The <link> element goes in the head",
      "Use 'formaction' to override the form's action", "JavaScript: The Good Parts",
      "JavaScript: (Almost) Everything You Need", "JavaScript: 'this' explained", "¼ and ¾ inch bolts",
      "¼ cup <b>sugar</b>, ¾ cup flour", "atob and btoa are base64 helpers",
    })
    void benign(String value) {
      clean(Category.XSS, value);
    }

    @Test
    void reasonsNameTheRule() {
      assertEquals("xss.ssi", flagged(Category.XSS, "<!--#exec cmd=\"id\"-->").reason());
      assertEquals("xss.xml-external",
          flagged(Category.XSS, "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\">").reason());
      assertEquals("xss.external-entity", flagged(Category.XSS, Source.HEADER, "foo!ENTITY % bar SYSTEM").reason());
    }
  }

  @Nested
  class Commands {

    @ParameterizedTest
    @ValueSource(strings = {
      "ansible all -m ping", "ansible-playbook site.yml", "chef-run all recipie.rb", "time bsdtar ", "bin/visudo",
      "bin/chef", "/bi[n]/bash", "/u[s]r/bin/id", "${SHELL} -c \"echo hi\"", "a; sh$XX -c whoami",
      ";gcc10.1<<<void main(){}", "view=image.jpg&bcdboot/r file.txt", "&ipconfig/all", "'TiMe Sh -c whoami",
      "'ZsTdcaT /var/log/sensitive_log_file.zst", "&#x7B;l,-lh&#x7D;s",
      "------x\nContent-Disposition: form-data; name=\"config\"; filename=\"wp-config. php\"\n\n...",
      "form-data; name=\"f\"; filename=\".htaccess\"", "Content-Disposition: attachment; filename=settings.php.bak",
    })
    void attacks(String value) {
      flagged(Category.COMMAND_INJECTION, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "Ansible playbook failed on host web-1", "ansible is installed on the bastion host",
      "time management tips for teams", "time zone: Europe/Berlin", "nice work, thanks", "bin/setup",
      "bin/rails db:migrate", "/catalog/book[1]/title", "Paid US$5; will pay the rest later", "TCP/IP and/or UDP",
      "'Time is money", "PowerShell scripts for admins", "iPhone 15 Pro; MacBook Air", "gcc 10.1 release notes",
      "Python 3.10 cmd module docs", "wp-config.php",
      "Content-Disposition: form-data; name=\"doc\"; filename=\"wp-config-guide.pdf\"",
      "Content-Disposition: form-data; name=\"key\"; filename=\"id_rsa.pub\"",
      "form-data; name=\"file\"; filename=\"report.pdf\"",
    })
    void benign(String value) {
      clean(Category.COMMAND_INJECTION, value);
    }

    @Test
    void restrictedUploadNamesInTheFileNameHeader() {
      for (String name : new String[] {"wp-config.php", "wp-config-php.bak", "wp-config_php.txt", "settings. php",
          ".boto", "web.config", ".user.ini", "uploads/../.htaccess", "id_rsa"}) {
        Finding f = DETECTORS.inspect(Category.COMMAND_INJECTION, Source.HEADER, "x-filename", name);
        assertNotNull(f, name);
        assertEquals("cmdi.restricted-upload", f.reason());
      }
      for (String name : new String[] {"report.pdf", "settings.png", "config-backup.zip", "id_rsa.pub",
          "htaccess-guide.pdf", "wp-config-guide.pdf"}) {
        assertNull(DETECTORS.inspect(Category.COMMAND_INJECTION, Source.HEADER, "x-filename", name), name);
      }
      // another header carrying a file name is not an upload name
      assertNull(DETECTORS.inspect(Category.COMMAND_INJECTION, Source.HEADER, "x-request-id", "wp-config.php"));
      assertEquals("wp-config.php", RestrictedUploads.match("WP-CONFIG.php.old"));
      assertEquals(-1, RestrictedUploads.inFileNameParameter("filename*=UTF-8''.htaccess"));
    }
  }
}
