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
 * parameters, JSON values of a body the inspection read, path segments, cookies and a few headers. Read from the request's view the first time
 * a sink asks (most requests reach no sink), then kept (read again while the container is still
 * parsing a multipart body, see {@link #withoutParametersWhileTheContainerParses}); bounded in count
 * and total characters, so a request with a million parameters costs what one with {@value
 * #MAX_INPUTS} does.
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
    if (view == null || view.bodyIfRead() != null) {
      return false;
    }
    String type = view.header("content-type");
    return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
  }

  private static List<Input> collect(RequestView view, List<String> headers, boolean cookies,
      boolean containerParameters) {
    if (view == null) {
      return Collections.emptyList();
    }
    Collector out = new Collector();
    String rawQuery = view.rawQuery();
    Set<String> queryNames = new HashSet<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&", MAX_INPUTS + 1)) {
        int equals = pair.indexOf('=');
        String name = QueryString.decode(pair, 0, equals < 0 ? pair.length() : equals);
        queryNames.add(name);
        out.add("query." + name, equals < 0 ? "" : QueryString.decode(pair, equals + 1, pair.length()));
        out.add("query-name." + name, name);
      }
    }
    Map<String, String[]> parameters = containerParameters ? view.parameters() : Map.of();
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (out.full() || parameter.getValue() == null) {
        break;
      }
      String prefix = queryNames.contains(parameter.getKey()) ? "query." : "form.";
      for (String value : parameter.getValue()) {
        out.add(prefix + parameter.getKey(), value);
      }
    }
    BodyInputs.collect(view.header("content-type"), view.bodyIfRead(), out);
    String path = view.rawPath();
    if (path != null) {
      int segment = 0;
      for (String part : path.split("/", 64)) {
        if (!part.isEmpty()) {
          out.add("path." + segment, QueryString.decode(part.replace("+", "%2B"), 0, part.length()));
        }
        segment++;
      }
    }
    for (String header : headers) {
      out.add("header." + header, view.header(header));
    }
    String cookieHeader = cookies ? view.header("cookie") : null;
    if (cookieHeader != null) {
      for (String cookie : cookieHeader.split(";", MAX_INPUTS + 1)) {
        int equals = cookie.indexOf('=');
        if (equals > 0) {
          out.add("cookie." + cookie.substring(0, equals).trim().toLowerCase(Locale.ROOT), cookie.substring(equals + 1).trim());
        }
      }
    }
    return List.copyOf(out.inputs);
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
