package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a JNDI lookup goes to a remote naming service a request input named ({@code
 * ldap://attacker/x}, the Log4Shell pattern): the input contains the name, or appears in its scheme
 * or authority. Local names ({@code java:comp/env/jdbc/db}) are never refused.
 */
final class JndiCheck {

  static final Set<String> REMOTE_SCHEMES = Set.of("ldap", "ldaps", "rmi", "dns", "iiop", "iiopname", "corbaname",
      "corbaloc", "nis", "nds", "http", "https");

  private JndiCheck() {}

  static SinkFinding check(String name, List<RequestInputs.Input> inputs) {
    int colon = name.indexOf(':');
    if (colon <= 0 || !REMOTE_SCHEMES.contains(name.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
      return null;
    }
    int authorityEnd = name.indexOf('/', name.startsWith("//", colon + 1) ? colon + 3 : colon + 1);
    if (authorityEnd < 0) {
      authorityEnd = name.length();
    }
    for (RequestInputs.Input input : inputs) {
      int at = name.indexOf(input.value);
      if (input.value.contains(name) || (at >= 0 && at < authorityEnd)) {
        return new SinkFinding(Category.JNDI, "jndi.remote-lookup", input.value, input.location);
      }
    }
    return null;
  }
}
