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
}
