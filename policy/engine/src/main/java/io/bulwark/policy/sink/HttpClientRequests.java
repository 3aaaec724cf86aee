package io.bulwark.policy.sink;

import java.net.http.HttpRequest;

/**
 * The URI of a {@code java.net.http.HttpRequest} the JDK's HTTP client is about to send. A class of
 * its own so that {@code java.net.http} is only linked when that client is used: a JVM whose image
 * lacks the module never loads it.
 */
final class HttpClientRequests {

  private HttpClientRequests() {}

  /** The request's URI, or {@code null} for anything else. */
  static Object uri(Object request) {
    return request instanceof HttpRequest ? ((HttpRequest) request).uri() : null;
  }
}
