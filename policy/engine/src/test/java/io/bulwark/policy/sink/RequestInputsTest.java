package io.bulwark.policy.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.RequestView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestInputsTest {

  /** A request whose container parameters the test adds to, as a container parsing a body does. */
  private static final class GrowingRequest implements RequestView {
    final Map<String, String[]> parameters = new LinkedHashMap<>();
    final String contentType;
    int parameterReads;

    GrowingRequest(String contentType) {
      this.contentType = contentType;
    }

    @Override public String method() { return "POST"; }
    @Override public String rawPath() { return "/upload"; }
    @Override public String containerPath() { return "/upload"; }
    @Override public String rawQuery() { return null; }
    @Override public String header(String name) { return name.equalsIgnoreCase("content-type") ? contentType : null; }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
    @Override public byte[] body(int max) { return null; }
    @Override public int headerCount() { return 1; }
    @Override public Map<String, String[]> parameters() {
      parameterReads++;
      return new LinkedHashMap<>(parameters);
    }
  }

  private static boolean holds(RequestInputs inputs, String location, String value) {
    return inputs.all().stream().anyMatch(input -> input.location().equals(location) && input.value().equals(value));
  }

  @Test
  void fieldsOfAMultipartBodyTheContainerIsStillParsingAreSeenBySinksThatFireLater() {
    GrowingRequest request = new GrowingRequest("multipart/form-data; boundary=b");
    request.parameters.put("title", new String[] {"first part"});
    RequestInputs inputs = new RequestInputs(request, "r1", List.of(), false);

    assertTrue(holds(inputs, "form.title", "first part"), "a sink inside the parse sees the parts so far");
    request.parameters.put("name", new String[] {"x' OR '1'='1"}); // the next part, parsed after that sink
    assertTrue(holds(inputs, "form.name", "x' OR '1'='1"), inputs.all().toString());
  }

  @Test
  void otherRequestsReadTheirInputsOnce() {
    GrowingRequest request = new GrowingRequest("application/x-www-form-urlencoded");
    request.parameters.put("name", new String[] {"alice"});
    RequestInputs inputs = new RequestInputs(request, "r2", List.of(), false);

    assertTrue(holds(inputs, "form.name", "alice"));
    inputs.all();
    inputs.all();
    assertEquals(1, request.parameterReads, "collected once, kept for the request's other sink checks");
  }

  @Test
  void fileSinksLeaveTheContainersParametersAloneWhileItParsesAMultipartBody() {
    // a container writes each part to a temporary file from inside its parse: asking it for its
    // parameters then broke the parse (Jetty) or locked a half-filled map (Tomcat)
    GrowingRequest multipart = new GrowingRequest("Multipart/Form-Data; boundary=b");
    multipart.parameters.put("name", new String[] {"first part"});
    RequestInputs inputs = new RequestInputs(multipart, "r3", List.of(), false);

    assertTrue(inputs.withoutParametersWhileTheContainerParses().stream()
        .anyMatch(input -> input.location().equals("path.1")), "the other inputs are there");
    assertEquals(0, multipart.parameterReads);
    assertTrue(holds(inputs, "form.name", "first part"), "other sinks still read them");

    GrowingRequest form = new GrowingRequest("application/x-www-form-urlencoded");
    form.parameters.put("name", new String[] {"alice"});
    RequestInputs formInputs = new RequestInputs(form, "r4", List.of(), false);
    assertTrue(formInputs.withoutParametersWhileTheContainerParses().stream()
        .anyMatch(input -> input.location().equals("form.name")), "any other request: all inputs");
  }

  /** A GET (or a body of {@code contentType}) with a raw path, query and cookie header. */
  static final class Request implements RequestView {
    final String path;
    final String query;
    final String contentType;
    final String cookie;
    final Map<String, String[]> parameters = new LinkedHashMap<>();
    int parameterReads;

    Request(String path, String query, String contentType, String cookie) {
      this.path = path;
      this.query = query;
      this.contentType = contentType;
      this.cookie = cookie;
    }

    @Override public String method() { return contentType == null ? "GET" : "POST"; }
    @Override public String rawPath() { return path; }
    @Override public String containerPath() { return path; }
    @Override public String rawQuery() { return query; }
    @Override public String header(String name) {
      return name.equalsIgnoreCase("content-type") ? contentType : name.equalsIgnoreCase("cookie") ? cookie : null;
    }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
    @Override public Map<String, String[]> parameters() {
      parameterReads++;
      return parameters;
    }
  }

  @Test
  void pathSegmentsAreDecodedAsTheApplicationSeesThemWithAPlusKept() {
    // a '+' in a path is a plus; the value used to be cut short after it ("1'%2") and the injection
    // it carried no longer matched the SQL it reached
    RequestInputs inputs = new RequestInputs(new Request("/api/items/1'+OR+'1'='1/caf%C3%A9%2", null, null, null),
        "r5", List.of(), false);
    assertTrue(holds(inputs, "path.1", "api"), inputs.all().toString());
    assertTrue(holds(inputs, "path.3", "1'+OR+'1'='1"), inputs.all().toString());
    assertTrue(holds(inputs, "path.4", "caf\u00e9%2"), "escapes decoded, a malformed one kept: " + inputs.all());
  }

  @Test
  void queryFieldsAndCookiesAreReadLikeTheContainerDoes() {
    Request request = new Request("/search", "q=x%27+or+1%3D1&flag&=anon&&tag=a&tag=bb", null,
        "sid=7f3c9a1e; Theme=dark;broken; =x; last=v=w");
    request.parameters.put("q", new String[] {"x' or 1=1"});
    RequestInputs inputs = new RequestInputs(request, "r6", List.of(), true);
    assertTrue(holds(inputs, "query.q", "x' or 1=1"), inputs.all().toString());
    assertTrue(holds(inputs, "query-name.flag", "flag"), inputs.all().toString());
    assertTrue(holds(inputs, "query.tag", "bb"), inputs.all().toString());
    assertTrue(holds(inputs, "query.", "anon"), "a field without a name: " + inputs.all());
    assertTrue(holds(inputs, "cookie.sid", "7f3c9a1e"), inputs.all().toString());
    assertTrue(holds(inputs, "cookie.theme", "dark"), inputs.all().toString());
    assertTrue(holds(inputs, "cookie.last", "v=w"), inputs.all().toString());
    assertEquals(1, request.parameterReads, "a query: the container's parameters are read too");
  }

  @Test
  void theContainersParametersAreNotAskedForWhenThereCanBeNone() {
    Request get = new Request("/api/items/42", null, null, null);
    assertTrue(holds(new RequestInputs(get, "r7", List.of(), false), "path.3", "42"));
    assertEquals(0, get.parameterReads, "no query, no form: nothing for the container to parse");
    Request json = new Request("/api/items", null, "application/json", null);
    new RequestInputs(json, "r8", List.of(), false).all();
    assertEquals(0, json.parameterReads);
    Request form = new Request("/api/items", null, " Application/X-WWW-Form-Urlencoded; charset=UTF-8", null);
    form.parameters.put("name", new String[] {"alice"});
    assertTrue(holds(new RequestInputs(form, "r9", List.of(), false), "form.name", "alice"));
    assertEquals(1, form.parameterReads);
  }

  @Test
  void aQueryOfManyFieldsIsBounded() {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      query.append(i == 0 ? "" : "&").append("f").append(i).append("=value").append(i);
    }
    RequestInputs inputs = new RequestInputs(new Request("/p", query.toString(), null, null), "r10", List.of(), false);
    assertEquals(RequestInputs.MAX_INPUTS, inputs.all().size());
  }
}
