package io.bulwark.policy.authz;

import io.bulwark.policy.auth.Principal;
import java.util.List;
import java.util.Map;

/** What a {@code when:} condition may ask about one request; read only for what it uses. */
public interface ConditionFacts {

  /** The authenticated principal, or {@code null}. */
  Principal principal();

  /** The matched rule's {@code {name}} path segments, decoded. */
  Map<String, String> pathVariables();

  /** Every value of a query parameter, in order. */
  List<String> query(String name);

  /** Every value of a header (case-insensitive name), in order. */
  List<String> headers(String name);

  /** The method rules matched. */
  String method();

  /** The client's address. */
  String clientIp();
}
