package io.bulwark.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentArgsTest {

  /** Keys no environment sets ({@code BULWARK_ARGSTESTKEY}...), so only arguments and properties count. */
  private static final String KEY = "argstestkey";
  private static final String OTHER = "argstestother";

  @AfterEach
  void clearProperties() {
    System.clearProperty("bulwark." + KEY);
    System.clearProperty("bulwark." + OTHER);
  }

  @Test
  void commaSeparatedKeyValuePairsAreRead() {
    AgentArgs args = AgentArgs.parse(KEY + "=/etc/bulwark/policy.yaml," + OTHER + "=monitor");

    assertEquals("/etc/bulwark/policy.yaml", args.get(KEY));
    assertEquals("monitor", args.get(OTHER));
  }

  @Test
  void whitespaceAroundKeysAndValuesIsIgnored() {
    AgentArgs args = AgentArgs.parse("  " + KEY + " = /p.yaml ,\t" + OTHER + "=  x  ");

    assertEquals("/p.yaml", args.get(KEY));
    assertEquals("x", args.get(OTHER));
  }

  @Test
  void valueMayContainEqualsSigns() {
    assertEquals("/etc/a=b.yaml", AgentArgs.parse(KEY + "=/etc/a=b.yaml").get(KEY));
  }

  @Test
  void missingOptionIsNull() {
    assertNull(AgentArgs.parse(null).get(KEY));
    assertNull(AgentArgs.parse("").get(KEY));
    assertNull(AgentArgs.parse("   ").get(KEY));
    assertNull(AgentArgs.parse(OTHER + "=x").get(KEY));
  }

  @Test
  void blankValueCountsAsMissing() {
    assertNull(AgentArgs.parse(KEY + "=  ").get(KEY));
  }

  @Test
  void pairWithoutEqualsSignIsRefusedWithAnExample() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AgentArgs.parse(KEY + "=/p.yaml,monitor"));

    assertTrue(e.getMessage().contains("bad agent option 'monitor'"), e.getMessage());
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    assertTrue(e.getMessage().contains("policy=/etc/bulwark/policy.yaml"), e.getMessage());
  }

  @Test
  void pairWithoutKeyIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse("=/p.yaml"));

    assertTrue(e.getMessage().contains("bad agent option '=/p.yaml'"), e.getMessage());
  }

  @Test
  void systemPropertyIsUsedWhenTheAgentArgumentsDoNotSetTheOption() {
    System.setProperty("bulwark." + KEY, "from-property");

    assertEquals("from-property", AgentArgs.parse(null).get(KEY));
    assertEquals("from-property", AgentArgs.parse(OTHER + "=x").get(KEY));
  }

  @Test
  void agentArgumentsTakePrecedenceOverTheSystemProperty() {
    System.setProperty("bulwark." + KEY, "from-property");

    assertEquals("from-arguments", AgentArgs.parse(KEY + "=from-arguments").get(KEY));
  }
}
