package io.bulwark.policy.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyInputsTest {

  private static List<String> collect(String contentType, String body) {
    List<String> seen = new ArrayList<>();
    BodyInputs.collect(contentType, body.getBytes(StandardCharsets.UTF_8), new BodyInputs.Sink() {
      @Override
      public boolean full() {
        return false;
      }

      @Override
      public void add(String location, String value) {
        seen.add(location + "=" + value);
      }
    });
    return seen;
  }

  @Test
  void jsonValuesWithTheirLocations() {
    assertEquals(List.of("json.$.user.email=a@b.c", "json.$.user.age=42", "json.$.items[0]=x' OR 1=1",
        "json.$.items[1].name=y", "json.$.items[2]=z", "json.$.last=1.5"),
        collect("application/json; charset=utf-8",
            "{\"user\":{\"email\":\"a@b.c\",\"age\":42,\"ok\":true},\"items\":[\"x' OR 1=1\",{\"name\":\"y\"},\"z\"],"
                + "\"last\":1.5}"));
    assertEquals(List.of("json.$[0]=a", "json.$[1]=b"), collect("application/json", "[\"a\",\"b\"]"));
  }

  @Test
  void malformedJsonGivesWhatWasReadAndFormFieldsAreDecoded() {
    assertEquals(List.of("json.$.a=1"), collect("application/json", "{\"a\":\"1\", \"b\": nope"));
    assertEquals(List.of("form.q=a b", "form.x=1'"), collect("application/x-www-form-urlencoded", "q=a+b&x=1%27"));
    assertEquals(List.of(), collect("text/plain", "q=a"));
  }
}
