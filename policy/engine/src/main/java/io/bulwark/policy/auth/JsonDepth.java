package io.bulwark.policy.auth;

/**
 * Measures how deeply a JSON text nests, without parsing it: tokens arrive from attackers, and a
 * recursive parser given {@code [[[[...]]]]} thousands deep overflows its stack.
 */
final class JsonDepth {

  private JsonDepth() {}

  /** Whether {@code json} nests objects and arrays at most {@code max} deep. */
  static boolean atMost(byte[] json, int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > max) {
          return false;
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return true;
  }
}
