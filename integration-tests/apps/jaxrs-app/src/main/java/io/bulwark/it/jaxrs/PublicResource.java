package io.bulwark.it.jaxrs;

import io.bulwark.it.app.Counters;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;

/** GET /api/hello, /public/**, /async, /boom, /__counts. */
@Path("/")
public class PublicResource {

  @GET
  @Path("api/hello")
  @Produces("text/plain")
  public String hello() {
    Counters.increment("hello");
    return "hello";
  }

  @GET
  @Path("public/{rest: .*}")
  @Produces("text/plain")
  public String publicPage() {
    return hello();
  }

  /** Completes on another thread, after the resource method returned. */
  @GET
  @Path("async")
  @Produces("text/plain")
  public void async(@Suspended AsyncResponse response) {
    new Thread(() -> {
      Counters.increment("hello");
      response.resume("hello");
    }, "async-resume").start();
  }

  /** Fails; {@link BoomMapper} answers with the error page. */
  @GET
  @Path("boom")
  public String boom() {
    Counters.increment("boom");
    throw new IllegalStateException("boom");
  }

  @GET
  @Path("__counts")
  @Produces("application/json")
  public String counts() {
    return Counters.json();
  }
}
