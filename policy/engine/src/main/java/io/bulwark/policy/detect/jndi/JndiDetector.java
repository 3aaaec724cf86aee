package io.bulwark.policy.detect.jndi;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;

/**
 * JNDI lookups for Log4Shell-style attacks: {@code ${jndi:ldap://...}} in any value, header
 * included (User-Agent is the classic carrier), however it is encoded and however the word {@code
 * jndi} is assembled from nested lookups ({@link LookupResolver}).
 */
public final class JndiDetector implements Detector {

  @Override
  public Category category() {
    return Category.JNDI;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 7) {
      return null;
    }
    if (value.indexOf('$') < 0 && value.indexOf('%') < 0 && value.indexOf('\\') < 0 && value.indexOf('&') < 0
        && !hasFullwidth(value)) {
      return null;
    }
    String text = value.indexOf("${") >= 0 && value.indexOf('%') < 0 && value.indexOf('\\') < 0
        && value.indexOf('&') < 0 ? value : scan.decoded();
    int at = LookupResolver.findJndi(text);
    if (at < 0) {
      return null;
    }
    return new Finding(Category.JNDI, "jndi.lookup", Evidence.of(value, text, at, text.length()));
  }

  /** Exact: the screen above ({@code $ % \\ &} or a fullwidth form), without which nothing is flagged. */
  @Override
  public long triggers() {
    return CharClasses.DOLLAR | CharClasses.PERCENT | CharClasses.BACKSLASH | CharClasses.AMP | CharClasses.FULLWIDTH;
  }

  private static boolean hasFullwidth(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= '\uff01' && value.charAt(i) <= '\uff5e') {
        return true;
      }
    }
    return false;
  }
}
