package io.bulwark.it.jaxrs;

import io.bulwark.it.app.Counters;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** The JAX-RS error page: answers a failed resource method with 500. */
@Provider
public class BoomMapper implements ExceptionMapper<IllegalStateException> {

  @Override
  public Response toResponse(IllegalStateException e) {
    Counters.increment("error-page");
    return Response.status(500).type("text/plain").entity("error page").build();
  }
}
