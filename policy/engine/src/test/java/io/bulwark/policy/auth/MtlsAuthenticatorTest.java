package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.authz.Requirement;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MtlsAuthenticatorTest {

  private static final String POLICY = """
      version: 1
      identities:
        mtls:
          principal: %s
          clients:
            - { subject: "CN=billing, OU=services, O=Example", roles: [billing] }
            - { san: "uri:spiffe://example.org/ns/prod/sa/reports", roles: [reports] }
      rules:
        - name: billing
          match: { path: /internal/billing/** }
          require:
            auth: [mtls]
            certificate: { subjects: ["cn=billing,ou=services,o=Example"], sans: [dns:billing.internal] }
      default: deny
      """;

  private static Policy policy(String principal) throws Exception {
    return PolicyLoader.parse(POLICY.formatted(principal), "policy.yaml");
  }

  private static AuthOutcome send(Policy policy, X509Certificate certificate) {
    FakeRequest request = FakeRequest.of("GET", "/internal/billing/x");
    if (certificate != null) {
      request.certificates(certificate);
    }
    return policy.identities().get(AuthScheme.MTLS).authenticate(request);
  }

  @Test
  void certificateSubjectIsThePrincipalAndGrantsItsRoles() throws Exception {
    Principal billing =
        send(policy("subject"), TestCertificates.client("CN=billing,OU=services,O=Example")).principal();
    assertEquals("CN=billing,OU=services,O=Example", billing.id());
    assertEquals(Set.of("billing"), billing.roles());
  }

  @Test
  void subjectAlternativeNameCanBeThePrincipal() throws Exception {
    Principal reports = send(policy("san"), TestCertificates.client("CN=reports",
        "uri:spiffe://example.org/ns/prod/sa/reports", "dns:reports.internal")).principal();
    assertEquals("spiffe://example.org/ns/prod/sa/reports", reports.id());
    assertEquals(Set.of("reports"), reports.roles());
  }

  @Test
  void noCertificateIsNoCredentialAndAnExpiredOneIsRefused() throws Exception {
    assertTrue(send(policy("subject"), null).isAbsent());
    long now = System.currentTimeMillis();
    AuthOutcome expired =
        send(policy("subject"), TestCertificates.client("CN=billing", now - 86_400_000, now - 60_000));
    assertEquals("mtls.expired", expired.failure().reason());
  }

  @Test
  void ruleAcceptsOnlyTheCertificatesItNames() throws Exception {
    Policy policy = policy("subject");
    Requirement requirement = policy.rules().get(0).requirement();
    assertTrue(requirement.certificateAccepted(send(policy,
        TestCertificates.client("CN=billing,OU=services,O=Example")).principal()),
        "subject, compared as an X.500 name");
    assertTrue(requirement.certificateAccepted(send(policy,
        TestCertificates.client("CN=someone", "dns:BILLING.internal")).principal()), "a DNS SAN, case-insensitively");
    assertFalse(requirement.certificateAccepted(send(policy,
        TestCertificates.client("CN=billing,OU=services,O=Evil", "dns:billing.internal.evil.example")).principal()));
  }
}
