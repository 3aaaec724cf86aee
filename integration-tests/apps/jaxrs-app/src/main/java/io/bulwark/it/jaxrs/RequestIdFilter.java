package io.bulwark.it.jaxrs;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.Provider;

/** Echoes the request id Bulwark published (a request property in JAX-RS) as X-Seen-Request-Id. */
@Provider
public class RequestIdFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty("bulwark.requestId");
    response.getHeaders().putSingle("X-Seen-Request-Id", id == null ? "none" : id.toString());
  }
}
