package io.bulwark.it.jaxrs;

import io.bulwark.it.app.Counters;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;

/** /api/users: the routes the test policy's route and operation rules name. */
@Path("/api/users")
@Produces("text/plain")
public class UsersResource {

  @GET
  @Path("export")
  public String export() {
    Counters.increment("users-export");
    return "all users";
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    Counters.increment("users");
    return "user " + id;
  }

  @DELETE
  @Path("{id}")
  public String delete(@PathParam("id") String id) {
    Counters.increment("users-delete");
    return "deleted " + id;
  }
}
