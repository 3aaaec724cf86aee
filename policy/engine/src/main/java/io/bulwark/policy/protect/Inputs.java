package io.bulwark.policy.protect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * {@code protect.inputs}: which parts of a request besides parameters, path and body are inspected.
 * Query and form parameters, path segments and JSON and XML bodies always are.
 */
public final class Inputs {

  /** Headers that carry attacker text into logs and links more than any other. */
  public static final List<String> DEFAULT_HEADERS = List.of("user-agent", "referer", "x-forwarded-host");
  public static final Inputs DEFAULT = new Inputs(DEFAULT_HEADERS, true, false);

  private final Set<String> headers;
  private final boolean cookies;
  private final boolean multipart;

  public Inputs(List<String> headers, boolean cookies, boolean multipart) {
    Set<String> lower = new LinkedHashSet<>();
    headers.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
    this.headers = Set.copyOf(lower);
    this.cookies = cookies;
    this.multipart = multipart;
  }

  /** Lower-case names of the headers inspected. */
  public Set<String> headers() {
    return headers;
  }

  /** Whether cookie values are inspected. */
  public boolean cookies() {
    return cookies;
  }

  /** Whether multipart bodies are buffered and their text parts inspected. */
  public boolean multipart() {
    return multipart;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Inputs && headers.equals(((Inputs) other).headers)
        && cookies == ((Inputs) other).cookies && multipart == ((Inputs) other).multipart;
  }

  @Override
  public int hashCode() {
    return headers.hashCode() * 31 + (cookies ? 2 : 0) + (multipart ? 1 : 0);
  }
}
