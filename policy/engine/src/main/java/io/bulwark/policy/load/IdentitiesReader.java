package io.bulwark.policy.load;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.bulwark.policy.auth.ApiKey;
import io.bulwark.policy.auth.ApiKeyAuthenticator;
import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.Authenticator;
import io.bulwark.policy.auth.CertificateNames;
import io.bulwark.policy.auth.CredentialLocation;
import io.bulwark.policy.auth.Identities;
import io.bulwark.policy.auth.IntrospectionAuthenticator;
import io.bulwark.policy.auth.IntrospectionSettings;
import io.bulwark.policy.auth.JwksSources;
import io.bulwark.policy.auth.JwtAuthenticator;
import io.bulwark.policy.auth.JwtSettings;
import io.bulwark.policy.auth.MtlsAuthenticator;
import io.bulwark.policy.auth.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code identities:}: API keys, JWT, token introspection and client certificates. */
final class IdentitiesReader {

  static final List<String> KEYS = List.of("apiKeys", "jwt", "introspection", "mtls");
  static final List<String> API_KEY_KEYS = List.of("in", "keys");
  static final List<String> KEY_KEYS = List.of("id", "sha256", "roles");
  static final List<String> JWT_KEYS = List.of("issuer", "audiences", "jwks", "algorithms", "rolesClaim",
      "scopesClaim", "subjectClaim", "clockSkew", "jwksTimeout", "jwksCacheTtl", "jwksRefreshInterval",
      "jwksOutageTolerance");
  static final List<String> INTROSPECTION_KEYS = List.of("endpoint", "clientId", "clientSecret", "issuer",
      "audiences", "rolesClaim", "scopesClaim", "subjectClaim", "timeout", "cacheInactive", "cacheMax",
      "cacheSize");
  static final List<String> MTLS_KEYS = List.of("principal", "clients");
  static final List<String> CLIENT_KEYS = List.of("subject", "san", "roles");

  /** Asymmetric algorithms Nimbus verifies with the JDK alone; HMAC ones only with keys from a file. */
  static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "HS256", "HS384", "HS512");
  private static final int MAX_KEYS = 10_000;

  private final Nodes nodes;
  private final Problems problems;
  private final Path base;
  /** Parameter and header names holding credentials, added to the audit redaction list. */
  private final Set<String> credentialNames = new LinkedHashSet<>();

  IdentitiesReader(Nodes nodes, Path base) {
    this.nodes = nodes;
    this.problems = nodes.problems();
    this.base = base;
  }

  Set<String> credentialNames() {
    return credentialNames;
  }

  Identities read(Node node) {
    if (node == null) {
      return Identities.NONE;
    }
    Map<String, Node> fields = nodes.mapping(node, "identities", KEYS);
    Map<AuthScheme, Authenticator> authenticators = new EnumMap<>(AuthScheme.class);
    put(authenticators, fields.containsKey("apiKeys") ? apiKeys(fields.get("apiKeys")) : null);
    put(authenticators, fields.containsKey("jwt") ? jwt(fields.get("jwt")) : null);
    put(authenticators, fields.containsKey("introspection") ? introspection(fields.get("introspection")) : null);
    put(authenticators, fields.containsKey("mtls") ? mtls(fields.get("mtls")) : null);
    return new Identities(authenticators);
  }

  private static void put(Map<AuthScheme, Authenticator> map, Authenticator authenticator) {
    if (authenticator != null) {
      map.put(authenticator.scheme(), authenticator);
    }
  }

  // --- apiKeys -------------------------------------------------------------------------------

  private Authenticator apiKeys(Node node) {
    String what = "identities.apiKeys";
    Map<String, Node> fields = nodes.mapping(node, what, API_KEY_KEYS);
    List<CredentialLocation> locations = new ArrayList<>();
    if (!fields.containsKey("in")) {
      problems.add(node, what + ": missing 'in', e.g. in: header:X-API-Key");
    } else {
      for (String text : nodes.strings(fields.get("in"), what + ".in", "header:X-API-Key")) {
        CredentialLocation location = CredentialLocation.parse(text);
        if (location == null) {
          problems.add(fields.get("in"), what + ".in: expected header:NAME or query:NAME, e.g."
              + " header:X-API-Key, but found '" + text + "'");
        } else {
          locations.add(location);
          credentialNames.add(location.name());
        }
      }
    }
    List<ApiKey> keys = new ArrayList<>();
    if (!fields.containsKey("keys")) {
      problems.add(node,
          what + ": missing 'keys', e.g. keys: [{ id: partner-acme, sha256: <digest>, roles: [partner] }]");
    } else {
      Set<String> ids = new HashSet<>();
      Set<String> digests = new HashSet<>();
      List<Node> items = nodes.sequence(fields.get("keys"), what + ".keys", "[{ id: partner-acme, sha256: <digest> }]");
      if (items.size() > MAX_KEYS) {
        problems.add(fields.get("keys"), what + ".keys: expected at most " + MAX_KEYS + " keys");
      }
      for (int i = 0; i < items.size() && i < MAX_KEYS; i++) {
        ApiKey key = apiKey(items.get(i), what + ".keys[" + i + "]", ids, digests);
        if (key != null) {
          keys.add(key);
        }
      }
    }
    return locations.isEmpty() || !fields.containsKey("keys") ? null : new ApiKeyAuthenticator(locations, keys);
  }

  private ApiKey apiKey(Node node, String what, Set<String> ids, Set<String> digests) {
    Map<String, Node> fields = nodes.mapping(node, what, KEY_KEYS);
    String id = fields.containsKey("id") ? nodes.string(fields.get("id"), what + ".id") : null;
    if (!fields.containsKey("id")) {
      problems.add(node, what + ": missing 'id' (the name audit events and rate limits use for this key)");
    } else if (id != null && !ids.add(id)) {
      problems.add(fields.get("id"), what + ".id: duplicate key id '" + id + "'");
    }
    byte[] digest = null;
    if (!fields.containsKey("sha256")) {
      problems.add(node, what + ": missing 'sha256' (print it with: java -jar bulwark-agent.jar keys hash)");
    } else {
      String hex = nodes.string(fields.get("sha256"), what + ".sha256");
      digest = hex == null ? null : hex(hex.trim());
      if (hex != null && digest == null) {
        problems.add(fields.get("sha256"), what + ".sha256: expected the key's SHA-256 digest as 64 hex"
            + " digits (java -jar bulwark-agent.jar keys hash), not the key itself");
      } else if (digest != null && !digests.add(hex.trim().toLowerCase(Locale.ROOT))) {
        problems.add(fields.get("sha256"), what + ".sha256: the same key is listed twice");
      }
    }
    Set<String> roles = fields.containsKey("roles")
        ? new LinkedHashSet<>(nodes.strings(fields.get("roles"), what + ".roles", "[partner]")) : Set.of();
    return id == null || digest == null ? null : new ApiKey(id, digest, roles);
  }

  private static byte[] hex(String text) {
    if (text.length() != 64) {
      return null;
    }
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      int high = Character.digit(text.charAt(2 * i), 16);
      int low = Character.digit(text.charAt(2 * i + 1), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) (high * 16 + low);
    }
    return bytes;
  }

  // --- jwt -----------------------------------------------------------------------------------

  private Authenticator jwt(Node node) {
    String what = "identities.jwt";
    Map<String, Node> fields = nodes.mapping(node, what, JWT_KEYS);
    String issuer = required(node, fields, "issuer", what, "issuer: https://login.example.com/");
    Set<String> audiences = audiences(node, fields, what, true);
    Set<JWSAlgorithm> algorithms = algorithms(fields.get("algorithms"), what + ".algorithms");
    Duration timeout = duration(fields, "jwksTimeout", what, JwksSources.DEFAULT_TIMEOUT, Duration.ofMillis(100),
        Duration.ofMinutes(1));
    Duration ttl = duration(fields, "jwksCacheTtl", what, JwksSources.DEFAULT_CACHE_TTL, Duration.ofSeconds(10),
        Duration.ofDays(1));
    Duration refresh = duration(fields, "jwksRefreshInterval", what, JwksSources.DEFAULT_REFRESH_INTERVAL,
        Duration.ofSeconds(1), Duration.ofHours(1));
    Duration outage = duration(fields, "jwksOutageTolerance", what, JwksSources.DEFAULT_OUTAGE_TOLERANCE, Duration.ZERO,
        Duration.ofDays(7));
    Duration skew =
        duration(fields, "clockSkew", what, JwtSettings.DEFAULT_CLOCK_SKEW, Duration.ZERO, Duration.ofMinutes(10));
    if (ttl != null && refresh != null && refresh.compareTo(ttl) >= 0) {
      problems.add(fields.get("jwksRefreshInterval"), what + ".jwksRefreshInterval: expected less than"
          + " jwksCacheTtl (" + Units.format(ttl) + ")");
      refresh = null;
    }
    JWKSource<SecurityContext> keys = null;
    String keysDescription = null;
    if (!fields.containsKey("jwks")) {
      problems.add(node, what + ": missing 'jwks' (a JWKS URL such as https://login.example.com/.well-known/jwks.json,"
          + " or file:keys/jwks.json)");
    } else {
      Node jwksNode = fields.get("jwks");
      keysDescription = nodes.string(jwksNode, what + ".jwks");
      if (keysDescription != null && timeout != null && ttl != null && refresh != null && outage != null) {
        keys = keys(jwksNode, keysDescription.trim(), what + ".jwks", algorithms, timeout, ttl, refresh, outage);
      }
    }
    String roles = optionalString(fields, "rolesClaim", what, "roles");
    String scopes = optionalString(fields, "scopesClaim", what, null);
    String subject = optionalString(fields, "subjectClaim", what, "sub");
    if (issuer == null || audiences == null || algorithms == null || keys == null || skew == null) {
      return null;
    }
    return new JwtAuthenticator(new JwtSettings(issuer, audiences, algorithms, keys, keysDescription,
        roles, scopes, subject, skew), Identities.REALM);
  }

  private JWKSource<SecurityContext> keys(Node node, String text, String what, Set<JWSAlgorithm> algorithms,
      Duration timeout, Duration ttl, Duration refresh, Duration outage) {
    if (text.startsWith("file:")) {
      Path file = resolve(text.substring(5));
      try {
        return JwksSources.file(file);
      } catch (NoSuchFileException e) {
        problems.add(node, what + ": cannot read " + file + ": no such file");
      } catch (IOException e) {
        problems.add(node, what + ": cannot read " + file + ": " + e.getMessage());
      } catch (ParseException | RuntimeException e) {
        problems.add(node,
            what + ": expected a JSON Web Key Set ({\"keys\": [...]}) in " + file + ": " + e.getMessage());
      }
      return null;
    }
    URI uri = endpoint(node, text, what,
        "a JWKS URL such as https://login.example.com/.well-known/jwks.json or file:keys/jwks.json");
    if (uri == null) {
      return null;
    }
    if (algorithms != null && algorithms.stream().anyMatch(a -> a.getName().startsWith("HS"))) {
      problems.add(node, what + ": HMAC algorithms (HS256, ...) need a shared secret: give the keys as"
          + " file:PATH, never fetched over the network");
      return null;
    }
    try {
      return JwksSources.remote(uri.toURL(), timeout, ttl, refresh, outage);
    } catch (java.net.MalformedURLException | RuntimeException e) {
      problems.add(node, what + ": expected " + "a JWKS URL but found '" + text + "'");
      return null;
    }
  }

  private Set<JWSAlgorithm> algorithms(Node node, String what) {
    if (node == null) {
      return Set.of(JWSAlgorithm.RS256);
    }
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    for (String name : nodes.strings(node, what, "[RS256, ES256]")) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (!ALGORITHMS.contains(upper)) {
        problems.add(node, what + ": expected some of " + String.join(", ", ALGORITHMS) + " but found '" + name + "'"
            + (upper.equals("NONE") ? " (unsigned tokens are never accepted)" : ""));
        return null;
      }
      algorithms.add(JWSAlgorithm.parse(upper));
    }
    if (algorithms.isEmpty()) {
      problems.add(node, what + ": expected at least one algorithm, e.g. [RS256]");
      return null;
    }
    return algorithms;
  }

  // --- introspection -------------------------------------------------------------------------

  private Authenticator introspection(Node node) {
    String what = "identities.introspection";
    Map<String, Node> fields = nodes.mapping(node, what, INTROSPECTION_KEYS);
    String endpointText =
        required(node, fields, "endpoint", what, "endpoint: https://login.example.com/oauth2/introspect");
    URI endpoint = endpointText == null ? null : endpoint(fields.get("endpoint"), endpointText.trim(),
        what + ".endpoint", "the introspection endpoint's URL, e.g. https://login.example.com/oauth2/introspect");
    String clientId = required(node, fields, "clientId", what, "clientId: bulwark");
    Secret secret = null;
    String secretText = required(node, fields, "clientSecret", what, "clientSecret: env:INTROSPECTION_SECRET");
    if (secretText != null) {
      secret = Secret.parse(secretText.trim(), base);
      if (secret == null) {
        problems.add(fields.get("clientSecret"), what + ".clientSecret: expected env:NAME (an environment"
            + " variable) or file:PATH (a file holding the secret); the secret itself does not belong in the policy");
      }
    }
    Set<String> audiences = audiences(node, fields, what, false);
    String issuer = optionalString(fields, "issuer", what, null);
    Duration timeout = duration(fields, "timeout", what, IntrospectionSettings.DEFAULT_TIMEOUT, Duration.ofMillis(100),
        Duration.ofMinutes(1));
    Duration inactive = duration(fields, "cacheInactive", what, IntrospectionSettings.DEFAULT_CACHE_INACTIVE,
        Duration.ZERO, Duration.ofHours(1));
    Duration max =
        duration(fields, "cacheMax", what, IntrospectionSettings.DEFAULT_CACHE_MAX, Duration.ZERO, Duration.ofDays(1));
    Integer size = fields.containsKey("cacheSize")
        ? nodes.integer(fields.get("cacheSize"), what + ".cacheSize", 0, 10_000_000)
        : Integer.valueOf(IntrospectionSettings.DEFAULT_CACHE_SIZE);
    String roles = optionalString(fields, "rolesClaim", what, null);
    String scopes = optionalString(fields, "scopesClaim", what, null);
    String subject = optionalString(fields, "subjectClaim", what, null);
    if (endpoint == null || clientId == null || secret == null || audiences == null || timeout == null
        || inactive == null || max == null || size == null) {
      return null;
    }
    return new IntrospectionAuthenticator(new IntrospectionSettings(endpoint, clientId, secret, issuer,
        audiences, roles, scopes, subject, timeout, inactive, max, size), Identities.REALM);
  }

  // --- mtls ----------------------------------------------------------------------------------

  private Authenticator mtls(Node node) {
    String what = "identities.mtls";
    Map<String, Node> fields = nodes.mapping(node, what, MTLS_KEYS);
    MtlsAuthenticator.PrincipalName principal = nodes.keyword(fields.get("principal"), what + ".principal",
        MtlsAuthenticator.PrincipalName.class, MtlsAuthenticator.PrincipalName.SUBJECT);
    List<MtlsAuthenticator.Client> clients = new ArrayList<>();
    if (fields.containsKey("clients")) {
      List<Node> items = nodes.sequence(fields.get("clients"), what + ".clients",
          "[{ subject: \"CN=billing,O=Example\", roles: [billing] }]");
      for (int i = 0; i < items.size(); i++) {
        String itemWhat = what + ".clients[" + i + "]";
        Map<String, Node> client = nodes.mapping(items.get(i), itemWhat, CLIENT_KEYS);
        CertificateNames.Name name = null;
        if (client.containsKey("subject") == client.containsKey("san")) {
          problems.add(items.get(i), itemWhat + ": expected either 'subject' or 'san'");
        } else if (client.containsKey("subject")) {
          name = certificateSubject(client.get("subject"), itemWhat + ".subject");
        } else {
          name = certificateSan(client.get("san"), itemWhat + ".san");
        }
        Set<String> roles = client.containsKey("roles")
            ? new LinkedHashSet<>(nodes.strings(client.get("roles"), itemWhat + ".roles", "[billing]")) : Set.of();
        if (name != null) {
          clients.add(new MtlsAuthenticator.Client(name, roles));
        }
      }
    }
    return principal == null ? null : new MtlsAuthenticator(principal, clients);
  }

  CertificateNames.Name certificateSubject(Node node, String what) {
    String dn = nodes.string(node, what);
    if (dn == null) {
      return null;
    }
    try {
      return CertificateNames.Name.subject(dn);
    } catch (IllegalArgumentException e) {
      problems.add(node, what + ": expected a distinguished name such as \"CN=billing,OU=services,O=Example\""
          + " but found '" + dn + "'");
      return null;
    }
  }

  CertificateNames.Name certificateSan(Node node, String what) {
    String text = nodes.string(node, what);
    CertificateNames.Name name = text == null ? null : CertificateNames.Name.san(text.trim());
    if (text != null && name == null) {
      problems.add(node, what + ": expected dns:NAME, uri:URI, email:ADDRESS or ip:ADDRESS, e.g."
          + " uri:spiffe://example.org/billing, but found '" + text + "'");
    }
    return name;
  }

  // --- shared --------------------------------------------------------------------------------

  private String required(Node parent, Map<String, Node> fields, String key, String what, String example) {
    if (!fields.containsKey(key)) {
      problems.add(parent, what + ": missing '" + key + "', e.g. " + example);
      return null;
    }
    String value = nodes.string(fields.get(key), what + "." + key);
    if (value != null && value.isBlank()) {
      problems.add(fields.get(key), what + "." + key + ": expected a value, e.g. " + example);
      return null;
    }
    return value;
  }

  private String optionalString(Map<String, Node> fields, String key, String what, String fallback) {
    if (!fields.containsKey(key)) {
      return fallback;
    }
    String value = nodes.string(fields.get(key), what + "." + key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private Set<String> audiences(Node parent, Map<String, Node> fields, String what, boolean required) {
    if (!fields.containsKey("audiences")) {
      if (required) {
        problems.add(parent, what + ": missing 'audiences' (the aud values tokens for this service carry),"
            + " e.g. audiences: [orders-api]");
        return null;
      }
      return Set.of();
    }
    Set<String> audiences =
        new LinkedHashSet<>(nodes.strings(fields.get("audiences"), what + ".audiences", "[orders-api]"));
    if (audiences.isEmpty()) {
      problems.add(fields.get("audiences"), what + ".audiences: expected at least one audience, e.g. [orders-api]");
      return null;
    }
    return audiences;
  }

  private Duration duration(Map<String, Node> fields, String key, String what, Duration fallback, Duration min,
      Duration max) {
    return fields.containsKey(key) ? nodes.duration(fields.get(key), what + "." + key, min, max) : fallback;
  }

  /**
   * An https URL; plain http only to this host (a local test server or sidecar), since tokens and
   * keys must not cross a network unencrypted.
   */
  private URI endpoint(Node node, String text, String what, String expected) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      problems.add(node, what + ": expected " + expected + " but found '" + text + "'");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
      problems.add(node, what + ": expected " + expected + " but found '" + text + "'");
      return null;
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      problems.add(node,
          what + ": expected an https URL (plain http is accepted only for localhost) but found '" + text + "'");
      return null;
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }

  private Path resolve(String path) {
    Path file = Path.of(path.trim());
    return base == null || file.isAbsolute() ? file : base.resolve(file);
  }
}
