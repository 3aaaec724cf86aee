package io.bulwark.policy.auth;

import io.bulwark.bridge.RequestView;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client certificates ({@code identities.mtls}). The server's TLS connector verifies the chain
 * against its trust store during the handshake; Bulwark reads the certificate the container
 * exposes, checks its validity period once more, and names the principal after its subject DN (or a
 * subject alternative name). Roles come from {@code identities.mtls.clients} entries matching the
 * certificate's subject or one of its names.
 */
public final class MtlsAuthenticator implements Authenticator {

  /** Which certificate name becomes {@code principal.id}. */
  public enum PrincipalName { SUBJECT, SAN }

  /** Roles granted to the certificates matching one name. */
  public static final class Client {
    final CertificateNames.Name name;
    final Set<String> roles;

    public Client(CertificateNames.Name name, Set<String> roles) {
      this.name = name;
      this.roles = Set.copyOf(roles);
    }
  }

  private final PrincipalName principalName;
  private final List<Client> clients;

  public MtlsAuthenticator(PrincipalName principalName, List<Client> clients) {
    this.principalName = principalName;
    this.clients = List.copyOf(clients);
  }

  @Override
  public AuthScheme scheme() {
    return AuthScheme.MTLS;
  }

  @Override
  public String challenge() {
    return null; // a certificate is asked for by the TLS handshake, not by an HTTP challenge
  }

  @Override
  public AuthOutcome authenticate(RequestView request) {
    X509Certificate[] chain = request.clientCertificates();
    if (chain == null || chain.length == 0 || chain[0] == null) {
      return AuthOutcome.ABSENT;
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException e) {
      return AuthOutcome.failure(AuthFailure.invalid("mtls.expired", "The client certificate expired."));
    } catch (CertificateNotYetValidException e) {
      return AuthOutcome.failure(AuthFailure.invalid("mtls.not-yet-valid", "The client certificate is not valid yet."));
    }
    CertificateNames names = CertificateNames.of(leaf);
    String id = principalName == PrincipalName.SAN && !names.sans().isEmpty()
        ? names.sans().get(0).value() : names.subject();
    Set<String> roles = new LinkedHashSet<>();
    for (Client client : clients) {
      if (names.has(client.name)) {
        roles.addAll(client.roles);
      }
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("subject", names.subject());
    claims.put("issuer", leaf.getIssuerX500Principal().getName());
    claims.put("serial", leaf.getSerialNumber().toString(16));
    claims.put("sans", names.sanStrings());
    return AuthOutcome.success(new Principal(id, AuthScheme.MTLS, roles, Set.of(), claims, names));
  }
}
