package io.bulwark.policy.engine;

import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.authz.ConditionFacts;
import io.bulwark.policy.request.QueryString;
import java.util.List;
import java.util.Map;

/** What a {@code when:} condition sees of one exchange. */
final class ExchangeFacts implements ConditionFacts {

  private final Exchange exchange;

  ExchangeFacts(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Principal principal() {
    return exchange.principal();
  }

  @Override
  public Map<String, String> pathVariables() {
    return exchange.pathVariables();
  }

  @Override
  public List<String> query(String name) {
    return QueryString.values(exchange.request().rawQuery(), name);
  }

  @Override
  public List<String> headers(String name) {
    return exchange.request().headers(name);
  }

  @Override
  public String method() {
    return exchange.reading().facts().method();
  }

  @Override
  public String clientIp() {
    return exchange.clientIp();
  }
}
