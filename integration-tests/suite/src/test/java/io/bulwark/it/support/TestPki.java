package io.bulwark.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made by the test: it issues the server's TLS certificate and client
 * certificates, and writes the PKCS12 stores the server and the clients load.
 */
public final class TestPki {

  public static final String PASSWORD = "changeit";

  private final KeyPair caKeys;
  private final X509Certificate ca;

  public TestPki(String caName) throws GeneralSecurityException {
    caKeys = keys();
    ca = issue(caName, caKeys, caName, caKeys.getPrivate(), true);
  }

  /** A key and certificate issued by this CA. */
  public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {
    Certificate[] chain() {
      return issuer.equals(certificate) ? new Certificate[] {certificate} : new Certificate[] {certificate, issuer};
    }
  }

  public Issued issue(String subject, String... sans) throws GeneralSecurityException {
    KeyPair keys = keys();
    return new Issued(keys.getPrivate(), issue(subject, keys, ca.getSubjectX500Principal().getName(),
        caKeys.getPrivate(), false, sans), ca);
  }

  /** A self-signed certificate no CA vouches for. */
  public static Issued selfSigned(String subject, String... sans) throws GeneralSecurityException {
    KeyPair keys = keys();
    X509Certificate certificate = issue(subject, keys, subject, keys.getPrivate(), false, sans);
    return new Issued(keys.getPrivate(), certificate, certificate);
  }

  public Path keyStore(Path file, Issued issued) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", issued.key(), PASSWORD.toCharArray(), issued.chain());
    return save(store, file);
  }

  public Path trustStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    return save(store, file);
  }

  /** A client TLS context trusting this CA and presenting {@code client} (or no certificate). */
  public SSLContext clientContext(Issued client) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (client != null) {
      keys.setKeyEntry("key", client.key(), PASSWORD.toCharArray(), client.chain());
    }
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static Path save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate issue(String subject, KeyPair keys, String issuer, PrivateKey signer,
      boolean isCa, String... sans) throws GeneralSecurityException {
    try {
      long now = System.currentTimeMillis();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(new X500Principal(issuer).getEncoded()),
          BigInteger.valueOf(now * 1000 + (long) (Math.random() * 1000)),
          new Date(now - 3_600_000), new Date(now + 86_400_000),
          X500Name.getInstance(new X500Principal(subject).getEncoded()), keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (sans.length > 0) {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
          String type = sans[i].substring(0, sans[i].indexOf(':'));
          String value = sans[i].substring(sans[i].indexOf(':') + 1);
          names[i] = new GeneralName(switch (type) {
            case "dns" -> GeneralName.dNSName;
            case "uri" -> GeneralName.uniformResourceIdentifier;
            case "ip" -> GeneralName.iPAddress;
            default -> GeneralName.rfc822Name;
          }, value);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
