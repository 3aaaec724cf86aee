package io.bulwark.policy.audit;

import io.bulwark.bridge.RequestView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers a policy asks to audit ({@code audit.headers}), read on the request thread.
 * Values are masked later, on the writer thread ({@link Redactor}): a credential header is written
 * as {@value Redactor#MASK} even when listed.
 */
public final class AuditedHeaders {

  private AuditedHeaders() {}

  /** Lower-case name to value (several values joined by ", "), or {@code null} when there are none. */
  public static Map<String, String> of(RequestView request, List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    Map<String, String> headers = null;
    for (String name : names) {
      List<String> values = request.headers(name);
      if (values.isEmpty()) {
        continue;
      }
      if (headers == null) {
        headers = new LinkedHashMap<>();
      }
      headers.put(name.toLowerCase(Locale.ROOT), values.size() == 1 ? values.get(0) : String.join(", ", values));
    }
    return headers;
  }
}
