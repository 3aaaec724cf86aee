package io.bulwark.policy.path;

/**
 * Case folding of A-Z only. {@code String.toLowerCase} would turn the Kelvin sign into 'k' and
 * 'İ' into two characters (and depends on the locale without {@code Locale.ROOT}), so a literal
 * could match a spelling it does not contain, or miss its own.
 */
public final class AsciiCase {

  private AsciiCase() {}

  /** {@code text} with A-Z lowered; the same instance when there is nothing to change. */
  public static String toLower(String text) {
    return fold(text, 'A', 'Z', 'a' - 'A');
  }

  /** {@code text} with a-z raised; the same instance when there is nothing to change. */
  public static String toUpper(String text) {
    return fold(text, 'a', 'z', 'A' - 'a');
  }

  private static String fold(String text, char from, char to, int shift) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= from && c <= to) {
        char[] chars = text.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= from && chars[j] <= to) {
            chars[j] = (char) (chars[j] + shift);
          }
        }
        return new String(chars);
      }
    }
    return text;
  }
}
