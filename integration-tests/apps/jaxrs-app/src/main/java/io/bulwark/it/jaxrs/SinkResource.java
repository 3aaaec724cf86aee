package io.bulwark.it.jaxrs;

import io.bulwark.it.app.SinkFamilies;
import java.io.InputStream;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/** POST /sinks/deser: the servlet app's vulnerable deserialization, as a JAX-RS resource. */
@Path("sinks")
public class SinkResource {

  @POST
  @Path("deser")
  @Produces("text/plain")
  public String deserialize(InputStream body) throws Exception {
    return SinkFamilies.deserialize(body);
  }
}
