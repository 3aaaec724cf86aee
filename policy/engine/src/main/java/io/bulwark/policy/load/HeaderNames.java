package io.bulwark.policy.load;

/** What a header name may be: an RFC 9110 token. */
final class HeaderNames {

  private HeaderNames() {}

  static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > 128) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        return false;
      }
    }
    return true;
  }
}
