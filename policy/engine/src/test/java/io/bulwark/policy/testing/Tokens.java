package io.bulwark.policy.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.function.Consumer;

/** Signs test tokens with RSA keys the test owns, and publishes their JWKS. */
public final class Tokens {

  public static final String ISSUER = "https://login.example.test/";
  public static final String AUDIENCE = "orders-api";

  private Tokens() {}

  public static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String jwks(RSAKey... keys) {
    JWKSet set = new JWKSet(java.util.Arrays.asList(keys));
    return set.toPublicJWKSet().toString();
  }

  /** Claims a valid token carries: iss, aud, sub, exp in 10 minutes. */
  public static JWTClaimsSet.Builder claims(String subject) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .issueTime(new Date())
        .expirationTime(new Date(System.currentTimeMillis() + 600_000));
  }

  public static String sign(RSAKey key, JWTClaimsSet claims) {
    return sign(key, claims, header -> { });
  }

  public static String sign(RSAKey key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) {
    JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID());
    header.accept(builder);
    SignedJWT jwt = new SignedJWT(builder.build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
