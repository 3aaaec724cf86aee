package io.bulwark.policy.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Client certificates made by the test (self-signed: the container's chain check is not under test here). */
public final class TestCertificates {

  private TestCertificates() {}

  /**
   * @param sans names such as {@code dns:billing.internal}, {@code uri:spiffe://example.org/x}
   */
  public static X509Certificate client(String subject, long notBeforeMillis, long notAfterMillis, String... sans)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    // encoded as the JDK (and every CA) does: the string's first RDN is the most specific
    X500Name name = X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded());
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
        new Date(notBeforeMillis), new Date(notAfterMillis), name, keys.getPublic());
    if (sans.length > 0) {
      GeneralName[] names = new GeneralName[sans.length];
      for (int i = 0; i < sans.length; i++) {
        String type = sans[i].substring(0, sans[i].indexOf(':'));
        String value = sans[i].substring(sans[i].indexOf(':') + 1);
        int tag = type.equals("dns") ? GeneralName.dNSName : type.equals("uri") ? GeneralName.uniformResourceIdentifier
            : type.equals("email") ? GeneralName.rfc822Name : GeneralName.iPAddress;
        names[i] = new GeneralName(tag, value);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  /** A certificate valid from an hour ago for a day. */
  public static X509Certificate client(String subject, String... sans) throws Exception {
    long now = System.currentTimeMillis();
    return client(subject, now - 3_600_000, now + 86_400_000, sans);
  }
}
