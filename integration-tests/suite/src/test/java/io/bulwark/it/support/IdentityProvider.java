package io.bulwark.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The authorization server a service under test trusts, run by the test on 127.0.0.1: it signs
 * RS256 tokens, serves their JWKS, and answers RFC 7662 introspection for opaque tokens it issued.
 */
public final class IdentityProvider implements AutoCloseable {

  public static final String ISSUER = "https://login.bulwark.test/";
  public static final String AUDIENCE = "orders-api";
  public static final String CLIENT_ID = "orders-api";
  public static final String CLIENT_SECRET = "introspection-s3cret";

  private final RSAKey key;
  private final HttpServer server;
  private final Map<String, String> opaqueTokens = new ConcurrentHashMap<>();
  private final AtomicInteger introspections = new AtomicInteger();
  private final AtomicInteger jwksFetches = new AtomicInteger();

  public IdentityProvider() {
    try {
      key = new RSAKeyGenerator(2048).keyID("it-key-1").generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/jwks.json", exchange -> {
      jwksFetches.incrementAndGet();
      respond(exchange, 200, new JWKSet(key).toPublicJWKSet().toString());
    });
    server.createContext("/introspect", this::introspect);
    server.start();
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
  }

  public String introspectionUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
  }

  public int introspections() {
    return introspections.get();
  }

  public int jwksFetches() {
    return jwksFetches.get();
  }

  /** A signed access token for {@code subject} with {@code roles} and a space-separated {@code scope}. */
  public String token(String subject, List<String> roles, String scope) {
    return sign(claims(subject, roles, scope).build());
  }

  public JWTClaimsSet.Builder claims(String subject, List<String> roles, String scope) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000))
        .claim("realm_access", Map.of("roles", roles));
    return scope == null ? claims : claims.claim("scope", scope);
  }

  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An opaque token the introspection endpoint will call active for {@code subject}. */
  public String opaqueToken(String subject) {
    String token = "opaque-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    opaqueTokens.put(token, subject);
    return token;
  }

  public void revoke(String token) {
    opaqueTokens.remove(token);
  }

  private void introspect(HttpExchange exchange) throws IOException {
    introspections.incrementAndGet();
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String token = form.substring("token=".length(), form.indexOf('&'));
    String subject = opaqueTokens.get(token);
    respond(exchange, 200, subject == null ? "{\"active\":false}"
        : "{\"active\":true,\"sub\":\"" + subject + "\",\"scope\":\"orders\",\"aud\":\"" + AUDIENCE
            + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
