package io.bulwark.policy.sink;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.request.QueryString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of one request that sinks compare what they are about to run against: query and form
 * parameters, JSON values of a body the inspection read, path segments, cookies and a few headers. Read
 * from the request's view the first time a sink asks (most requests reach no sink), then kept (read again
 * while the container is still parsing a multipart body, see
 * {@link #withoutParametersWhileTheContainerParses}); bounded in count and total characters, so a request
 * with a million parameters costs what one with {@value #MAX_INPUTS} does.
 *
 * <p>One instance per request, used by the threads that serve it one after another (dispatches):
 * collection is synchronized, reads after it are of an immutable list.
 */
public final class RequestInputs {

  static final int MAX_INPUTS = 256;
  static final int MAX_TOTAL_CHARS = 64 * 1024;
  /** Shorter values cannot change the structure of anything (and match everywhere). */
  static final int MIN_LENGTH = 2;

  /** One input: where it came from ({@code query.id}) and its value as the application sees it. */
  public static final class Input {
    final String location;
    final String value;

    Input(String location, String value) {
      this.location = location;
      this.value = value;
    }

    public String location() {
      return location;
    }

    public String value() {
      return value;
    }

    @Override
    public String toString() {
      return location + "=" + value;
    }
  }

  private final RequestView view;
  private final String requestId;
  private final List<String> headers;
  private final boolean cookies;
  private volatile List<Input> inputs;
  /** Whether {@link #inputs} is final (for nearly every request, from the first collection on). */
  private volatile boolean settled;
  /** Hosts of outbound URLs the request's input steered, for the connections and redirects that follow. */
  private final Set<String> steeredHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final int MAX_STEERED_HOSTS = 8;

  /**
   * @param headers the headers that are inputs ({@code protect.inputs.headers}, lower case)
   * @param cookies whether cookies are inputs
   */
  RequestInputs(RequestView view, String requestId, List<String> headers, boolean cookies) {
    this.view = view;
    this.requestId = requestId;
    this.headers = headers;
    this.cookies = cookies;
  }

  /** Inputs given directly (tests, benchmarks). */
  public static RequestInputs of(String requestId, List<Input> inputs) {
    RequestInputs given = new RequestInputs(null, requestId, List.of(), false);
    given.inputs = List.copyOf(inputs);
    given.settled = true;
    return given;
  }

  public static Input input(String location, String value) {
    return new Input(location, value);
  }

  public String requestId() {
    return requestId;
  }

  /** The request's view, or {@code null} for given inputs. */
  RequestView view() {
    return view;
  }

  /** Remembers that the request's input chose {@code host} for an outbound connection. */
  void steer(String host) {
    if (host != null && !host.isEmpty() && steeredHosts.size() < MAX_STEERED_HOSTS) {
      steeredHosts.add(host.toLowerCase(Locale.ROOT));
    }
  }

  boolean steered(String host) {
    return host != null && !steeredHosts.isEmpty() && steeredHosts.contains(host.toLowerCase(Locale.ROOT));
  }

  public List<Input> all() {
    List<Input> read = inputs;
    if (read == null || !settled) {
      synchronized (this) {
        read = inputs;
        if (read == null || !settled) {
          boolean containerParses = containerParsesMultipart(view);
          read = inputs = collect(view, headers, cookies, true);
          settled = !containerParses;
        }
      }
    }
    return read;
  }

  /**
   * The inputs for a check that may run inside the container's own parsing of the request: file
   * sinks, which fire when a container writes a multipart part to a temporary file. While the
   * container parses a multipart body (one the agent did not read), its parameters are then left
   * out: asking for them from inside that parse broke it (Jetty answered the application "400: bad
   * multipart"; Tomcat's {@code getParameterMap()} locked half-filled and threw at the
   * application). Other requests get {@link #all}.
   */
  public List<Input> withoutParametersWhileTheContainerParses() {
    if (!containerParsesMultipart(view)) {
      return all();
    }
    return collect(view, headers, cookies, false);
  }

  /**
   * Whether the container parses the body's fields itself: a multipart body the agent did not
   * read. The container's parameters then grow while it parses, and a sink can fire in the middle
   * of that (Tomcat and Jetty write each part to a temporary file from inside {@code
   * getParameter}), so they are read again at each sink check.
   */
  private static boolean containerParsesMultipart(RequestView view) {
    return view != null && view.bodyIfRead() == null && isType(view.header("content-type"), "multipart/");
  }

  /** Whether a body of this type gives the container parameters: a form, or multipart with fields. */
  private static boolean mayHaveFormFields(String contentType) {
    return isType(contentType, "application/x-www-form-urlencoded") || isType(contentType, "multipart/");
  }

  /** Whether a Content-Type starts with {@code prefix}, ignoring case and leading white space. */
  private static boolean isType(String contentType, String prefix) {
    if (contentType == null) {
      return false;
    }
    int start = 0;
    while (start < contentType.length() && contentType.charAt(start) <= ' ') {
      start++;
    }
    return contentType.regionMatches(true, start, prefix, 0, prefix.length());
  }

  private static List<Input> collect(RequestView view, List<String> headers, boolean cookies,
      boolean containerParameters) {
    if (view == null) {
      return Collections.emptyList();
    }
    Collector out = new Collector();
    String rawQuery = view.rawQuery();
    Set<String> queryNames = rawQuery == null ? Set.of() : query(rawQuery, out);
    String contentType = view.header("content-type");
    // The container's parameters are the query's and a form body's: without either there are none
    // to read, and asking would make the container parse for nothing on every request.
    if (containerParameters && (rawQuery != null || mayHaveFormFields(contentType))) {
      parameters(view.parameters(), queryNames, out);
    }
    BodyInputs.collect(contentType, view.bodyIfRead(), out);
    String path = view.rawPath();
    if (path != null) {
      pathSegments(path, out);
    }
    for (String header : headers) {
      out.add("header." + header, view.header(header));
    }
    String cookieHeader = cookies ? view.header("cookie") : null;
    if (cookieHeader != null) {
      cookies(cookieHeader, out);
    }
    return List.copyOf(out.inputs);
  }

  /** The query's fields (at most {@value #MAX_INPUTS}, the last one taking the rest); returns their names. */
  private static Set<String> query(String rawQuery, Collector out) {
    Set<String> names = new HashSet<>();
    int start = 0;
    for (int field = 1; ; field++) {
      int amp = field > MAX_INPUTS ? -1 : rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      int equals = indexOf(rawQuery, '=', start, end);
      int nameEnd = equals < 0 ? end : equals;
      String name = QueryString.decode(rawQuery, start, nameEnd);
      names.add(name);
      out.add("query." + name, nameEnd == end ? "" : QueryString.decode(rawQuery, nameEnd + 1, end));
      out.add("query-name." + name, name);
      if (amp < 0) {
        return names;
      }
      start = amp + 1;
    }
  }

  private static void parameters(Map<String, String[]> parameters, Set<String> queryNames, Collector out) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (out.full() || parameter.getValue() == null) {
        break;
      }
      String prefix = queryNames.contains(parameter.getKey()) ? "query." : "form.";
      for (String value : parameter.getValue()) {
        out.add(prefix + parameter.getKey(), value);
      }
    }
  }

  /**
   * {@code path.N}: the raw path's N-th {@code /}-separated piece (at most 64 pieces), decoded as the
   * application sees it: percent-escapes decoded, a {@code +} kept as a plus.
   */
  private static void pathSegments(String path, Collector out) {
    int start = 0;
    for (int segment = 0; ; segment++) {
      int slash = segment == 63 ? -1 : path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      if (end > start) {
        out.add(segmentLocation(segment), QueryString.decodePathSegment(path, start, end));
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  /**
   * The first {@code c} in {@code s[from, to)}, or -1: a search that stops at the field's end (a query
   * of fields without '=' would otherwise be read to its end once per field).
   */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static final String[] SEGMENT_LOCATIONS = new String[16];

  static {
    for (int i = 0; i < SEGMENT_LOCATIONS.length; i++) {
      SEGMENT_LOCATIONS[i] = "path." + i;
    }
  }

  private static String segmentLocation(int segment) {
    return segment < SEGMENT_LOCATIONS.length ? SEGMENT_LOCATIONS[segment] : "path." + segment;
  }

  /** {@code cookie.NAME} for each {@code name=value} of the Cookie header (at most {@value #MAX_INPUTS} pieces). */
  private static void cookies(String header, Collector out) {
    int start = 0;
    for (int piece = 1; ; piece++) {
      int semicolon = piece > MAX_INPUTS ? -1 : header.indexOf(';', start);
      int end = semicolon < 0 ? header.length() : semicolon;
      int equals = indexOf(header, '=', start, end);
      if (equals > start) {
        out.add("cookie." + header.substring(start, equals).trim().toLowerCase(Locale.ROOT),
            header.substring(equals + 1, end).trim());
      }
      if (semicolon < 0) {
        return;
      }
      start = semicolon + 1;
    }
  }

  private static final class Collector implements BodyInputs.Sink {
    final List<Input> inputs = new ArrayList<>();
    final Set<String> values = new HashSet<>();
    int chars;

    @Override
    public boolean full() {
      return inputs.size() >= MAX_INPUTS || chars >= MAX_TOTAL_CHARS;
    }

    @Override
    public void add(String location, String value) {
      if (value == null || value.length() < MIN_LENGTH || full() || chars + value.length() > MAX_TOTAL_CHARS) {
        return;
      }
      if (values.add(value)) {
        inputs.add(new Input(location, value));
        chars += value.length();
      }
    }
  }
}
