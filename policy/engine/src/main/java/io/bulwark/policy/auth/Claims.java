package io.bulwark.policy.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads roles, scopes and ids out of token claims: a dotted path ({@code realm_access.roles}) to a
 * list of strings or a space-separated string ({@code scope: "orders:read orders:write"}).
 */
public final class Claims {

  /** Lists longer than this are cut: a token is not a place for thousands of roles. */
  static final int MAX_NAMES = 256;

  private Claims() {}

  /** The value at a dotted path, or {@code null}; a literal key containing dots is tried first. */
  public static Object at(Map<String, Object> claims, String path) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object current = claims;
    for (String part : path.split("\\.", -1)) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(part);
    }
    return current;
  }

  /** The names at {@code path}: a list of strings, or one string split at spaces. */
  public static Set<String> names(Map<String, Object> claims, String path) {
    return names(at(claims, path));
  }

  static Set<String> names(Object value) {
    Set<String> names = new LinkedHashSet<>();
    if (value instanceof String) {
      for (String part : ((String) value).split(" ")) {
        if (!part.isEmpty() && names.size() < MAX_NAMES) {
          names.add(part);
        }
      }
    } else if (value instanceof Collection) {
      for (Object item : (Collection<?>) value) {
        if (item instanceof String && names.size() < MAX_NAMES) {
          names.add((String) item);
        }
      }
    }
    return names;
  }

  /** Scopes from {@code path}, or from {@code scope} then {@code scp} when {@code path} is null. */
  static Set<String> scopes(Map<String, Object> claims, String path) {
    if (path != null) {
      return names(claims, path);
    }
    Set<String> scopes = names(claims.get("scope"));
    return scopes.isEmpty() ? names(claims.get("scp")) : scopes;
  }

  /**
   * A claim value in plain JSON types (String, Long, Double, Boolean, List, Map with String keys),
   * whatever number types the parser produced; {@code null} for anything else.
   */
  static Object jsonValue(Object value) {
    if (value instanceof Map) {
      Map<String, Object> map = new java.util.HashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        Object converted = jsonValue(entry.getValue());
        if (entry.getKey() instanceof String && converted != null) {
          map.put((String) entry.getKey(), converted);
        }
      }
      return java.util.Collections.unmodifiableMap(map);
    }
    if (value instanceof Collection) {
      List<Object> list = new java.util.ArrayList<>();
      for (Object item : (Collection<?>) value) {
        Object converted = jsonValue(item);
        if (converted != null) {
          list.add(converted);
        }
      }
      return java.util.Collections.unmodifiableList(list);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return value;
    }
    return value == null ? null : value.toString();
  }

  /** A string claim (numbers are written as text), or {@code null}. */
  static String text(Map<String, Object> claims, List<String> paths) {
    for (String path : paths) {
      Object value = at(claims, path);
      if (value instanceof String && !((String) value).isEmpty()) {
        return (String) value;
      }
      if (value instanceof Number) {
        return value.toString();
      }
    }
    return null;
  }
}
