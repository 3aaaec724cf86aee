package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.model.IpRange;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** The shared value readers (durations, sizes, CIDR blocks) that policy sections use. */
class NodeValuesTest {

  /** Reads {@code value} as written after {@code key: } in a policy and returns the result and problems. */
  private static <T> Result<T> read(String value, BiFunction<Nodes, Node, T> reader) {
    Node root = new Compose(LoadSettings.builder().build()).composeString("key: " + value + "\n").orElseThrow();
    Node node = ((MappingNode) root).getValue().get(0).getValueNode();
    Problems problems = new Problems("p.yaml");
    T result = reader.apply(new Nodes(problems), node);
    return new Result<>(result, problems.list());
  }

  private record Result<T>(T value, List<Problem> problems) {
    String onlyProblem() {
      assertEquals(1, problems.size(), problems.toString());
      return problems.get(0).toString();
    }
  }

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "10s, PT10S", "1m, PT1M", "2h, PT2H", "1d, PT24H", "0s, PT0S", "10S, PT10S",
      "'10 s', PT10S"})
  void durationsAreReadWithTheirUnit(String text, String expected) {
    Result<Duration> result = read(text, (nodes, node) -> nodes.duration(node, "window"));
    assertEquals(Duration.parse(expected), result.value());
    assertEquals(List.of(), result.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "1.5s", "-1s", "s", "10sec", "1w", "1234567890123456s", "[10s]", "''", "~"})
  void badDurationsAreReportedWithWhatWasExpected(String text) {
    Result<Duration> result = read(text, (nodes, node) -> nodes.duration(node, "window"));
    assertNull(result.value());
    String problem = result.onlyProblem();
    assertTrue(problem.startsWith("p.yaml:1:6: window: expected a duration such as 500ms, 10s, 1m"), problem);
  }

  @ParameterizedTest
  @CsvSource({"1024, 1024", "512B, 512", "64KB, 65536", "1MB, 1048576", "1mb, 1048576", "2GB, 2147483648", "0, 0",
      "'1 MB', 1048576"})
  void sizesAreReadInBytes(String text, long bytes) {
    Result<Long> result = read(text, (nodes, node) -> nodes.size(node, "maxBodySize"));
    assertEquals(bytes, result.value());
    assertEquals(List.of(), result.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5MB", "1TB", "MB", "-1", "1e6", "1MiB", "9999999999999999", "99999999999999GB", "{}", "~"})
  void badSizesAreReportedWithWhatWasExpected(String text) {
    Result<Long> result = read(text, (nodes, node) -> nodes.size(node, "maxBodySize"));
    assertNull(result.value());
    String problem = result.onlyProblem();
    assertTrue(problem.startsWith("p.yaml:1:6: maxBodySize: expected a size such as 512B, 64KB, 1MB"), problem);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.0/8, 10.255.1.2, 11.0.0.1",
      "192.168.1.7, 192.168.1.7, 192.168.1.8",
      "'2001:db8::/32', '2001:db8:1::5', '2001:db9::1'",
      "'::1', '::1', '::2'",
      "0.0.0.0/0, 203.0.113.9, '::1'"})
  void cidrBlocksContainTheirAddressesOnly(String cidr, String inside, String outside) {
    Result<IpRange> result = read(cidr, (nodes, node) -> nodes.cidr(node, "trustedProxies"));
    assertEquals(List.of(), result.problems());
    assertTrue(result.value().contains(inside), inside);
    assertTrue(!result.value().contains(outside), outside);
    assertTrue(!result.value().contains("not-an-address"));
    assertTrue(!result.value().contains(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0", "10.*.0.0", "10.0.0.1-5", "localhost", "'2001:db8::g/32'",
      "'*'", "10.0.0.0/255.0.0.0", "''", "'/8'", "1"})
  void badCidrBlocksAreReported(String text) {
    Result<IpRange> result = read(text, (nodes, node) -> nodes.cidr(node, "trustedProxies"));
    assertNull(result.value());
    String problem = result.onlyProblem();
    assertTrue(problem.startsWith("p.yaml:1:6: trustedProxies: expected an IP address or a CIDR block such as"
        + " 10.0.0.0/8"), problem);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.1/8, 10.0.0.0/8", "'2001:db8::1/32', '2001:db8::/32'"})
  void cidrWithHostBitsIsRefusedWithTheNetworkThatWasProbablyMeant(String text, String network) {
    Result<IpRange> result = read(text, (nodes, node) -> nodes.cidr(node, "trustedProxies"));
    assertNull(result.value());
    String problem = result.onlyProblem();
    assertTrue(problem.contains("has bits set after the /"), problem);
    assertTrue(problem.endsWith("expected the network address, e.g. " + network), problem);
  }
}
