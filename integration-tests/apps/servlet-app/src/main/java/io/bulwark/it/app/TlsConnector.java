package io.bulwark.it.app;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * An HTTPS connector that asks for client certificates (and accepts connections without one), as a
 * service doing mutual TLS is set up. Configured by the test through system properties:
 * {@code it.tls.keystore} (PKCS12 with the server's key), {@code it.tls.truststore} (PKCS12 with
 * the CA client certificates must chain to), {@code it.tls.password} (for both).
 */
public final class TlsConnector {

  private TlsConnector() {}

  public static Connector fromSystemProperties() {
    String keystore = System.getProperty("it.tls.keystore");
    if (keystore == null) {
      return null;
    }
    String password = System.getProperty("it.tls.password");
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setSecure(true);
    connector.setScheme("https");
    connector.setProperty("SSLEnabled", "true");
    SSLHostConfig host = new SSLHostConfig();
    host.setCertificateVerification("optional");
    host.setTruststoreFile(System.getProperty("it.tls.truststore"));
    host.setTruststorePassword(password);
    host.setTruststoreType("PKCS12");
    SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setCertificateKeystoreFile(keystore);
    certificate.setCertificateKeystorePassword(password);
    certificate.setCertificateKeystoreType("PKCS12");
    host.addCertificate(certificate);
    connector.addSslHostConfig(host);
    return connector;
  }
}
