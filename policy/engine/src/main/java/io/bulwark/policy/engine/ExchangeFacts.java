package io.bulwark.policy.engine;

import io.bulwark.policy.auth.Claims;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.authz.ConditionFacts;
import io.bulwark.policy.request.QueryString;
import java.util.List;

/**
 * What a {@code when:} condition sees of one exchange. A query parameter or header sent more than
 * once has no value here: the application may read either copy, so a condition must not be
 * satisfied by the one it does not read.
 */
final class ExchangeFacts implements ConditionFacts {

  private final Exchange exchange;

  ExchangeFacts(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Object value(String root, String name) {
    switch (root) {
      case "principal":
        return principal(exchange.principal(), name);
      case "path":
        return exchange.pathVariables().get(name);
      case "query":
        return single(QueryString.values(exchange.request().rawQuery(), name));
      case "header":
        return single(exchange.request().headers(name));
      case "method":
        return exchange.reading().facts().method();
      case "client":
        return exchange.clientIp();
      default:
        return null;
    }
  }

  private static Object principal(Principal principal, String name) {
    if (principal == null) {
      return null;
    }
    switch (name) {
      case "id":
        return principal.id();
      case "roles":
        return principal.roles();
      case "scopes":
        return principal.scopes();
      case "scheme":
        return principal.scheme().keyword();
      default:
        return Claims.at(principal.claims(), name.substring("claims.".length()));
    }
  }

  private static String single(List<String> values) {
    return values.size() == 1 ? values.get(0) : null;
  }
}
