package io.bulwark.policy.auth;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches a JWKS within one deadline for the whole call (see {@link BoundedHttp}), so a key server
 * that trickles its answer costs a request {@code jwksTimeout}, not as long as it keeps trickling.
 */
final class BoundedJwksRetriever implements ResourceRetriever {

  private final Duration timeout;
  private final int maxBytes;
  private volatile HttpClient client;

  BoundedJwksRetriever(Duration timeout, int maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(url.toURI()).timeout(timeout).header("Accept", "application/json").GET().build();
    } catch (URISyntaxException e) {
      throw new IOException("not a URI: " + url, e);
    }
    HttpResponse<byte[]> response;
    try {
      response = BoundedHttp.send(client(), request, timeout, maxBytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    String type = response.headers().firstValue("Content-Type").orElse(null);
    return new Resource(new String(response.body(), StandardCharsets.UTF_8), type);
  }

  /** Made on first use: a policy that is only validated starts no HTTP client thread. */
  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = BoundedHttp.client(timeout);
          client = current;
        }
      }
    }
    return current;
  }
}
