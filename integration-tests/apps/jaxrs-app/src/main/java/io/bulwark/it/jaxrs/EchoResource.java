package io.bulwark.it.jaxrs;

import io.bulwark.it.app.Counters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/**
 * /echo/*: what a JAX-RS resource method is handed as its entity, as {@code sha256=<hex>
 * length=<bytes>} (the servlet apps' /echo/stream answer); GET answers "ok".
 */
@Path("/echo")
public class EchoResource {

  @POST
  @Path("stream")
  @Consumes("*/*")
  @Produces("text/plain")
  public String stream(byte[] body) throws NoSuchAlgorithmException {
    Counters.increment("echo");
    StringBuilder hex = new StringBuilder("sha256=");
    for (byte b : MessageDigest.getInstance("SHA-256").digest(body)) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.append(" length=").append(body.length).toString();
  }

  @GET
  @Path("{rest: .*}")
  @Produces("text/plain")
  public String ok() {
    Counters.increment("echo");
    return "ok";
  }
}
