package io.bulwark.it.jaxrs;

import io.bulwark.it.app.Counters;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/** /api/admin/**, every method: the route the test policy denies. */
@Path("/api/admin")
@Produces("text/plain")
public class AdminResource {

  private static String admin() {
    Counters.increment("admin");
    return "admin secret";
  }

  @GET @Path("{rest: .*}") public String get() { return admin(); }
  @POST @Path("{rest: .*}") public String post() { return admin(); }
  @PUT @Path("{rest: .*}") public String put() { return admin(); }
  @DELETE @Path("{rest: .*}") public String delete() { return admin(); }
}
