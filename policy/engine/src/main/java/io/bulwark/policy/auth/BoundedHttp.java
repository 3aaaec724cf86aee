package io.bulwark.policy.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls to identity providers (JWKS, introspection) with one deadline for the whole exchange and a
 * cap on the answer's size.
 *
 * <p>A socket read timeout bounds each read, not the call: a server that sends one byte every
 * second never times out, and the request thread waiting for it would hang with it (the JDK
 * client's request timeout stops at the response headers, too). Here the request thread waits for
 * the complete answer at most {@code timeout}, then gives up; an answer growing past {@code
 * maxBytes} is abandoned as soon as it does.
 */
final class BoundedHttp {

  private BoundedHttp() {}

  /** The answer, or an IOException when it did not come complete within {@code timeout}. */
  static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout, int maxBytes)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(request, info -> new CappedBody(maxBytes));
    try {
      return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException(request.uri() + " did not answer completely within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(request.uri() + ": " + cause, cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    }
  }

  /** Collects the body, and fails (cancelling the stream) once it passes the cap. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private Flow.Subscription subscription;
    private long size;

    CappedBody(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        size += item.remaining();
        parts.add(item);
      }
      if (size > maxBytes) {
        subscription.cancel();
        body.completeExceptionally(new IOException("the answer is larger than " + maxBytes + " bytes"));
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      byte[] bytes = new byte[(int) size];
      int at = 0;
      for (ByteBuffer part : parts) {
        int n = part.remaining();
        part.get(bytes, at, n);
        at += n;
      }
      body.complete(bytes);
    }
  }

  /** A client that never follows redirects (an identity provider's answer comes from where it was asked). */
  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }
}
