package io.bulwark.policy.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The names a client certificate carries: its subject DN and its subject alternative names (DNS,
 * URI, email, IP). Subjects compare as X.500 names (attribute order, case and spacing as RFC 5280
 * says), not as strings; DNS names and emails compare case-insensitively.
 */
public final class CertificateNames {

  /** One name a policy can ask for: a subject DN, or {@code dns:}, {@code uri:}, {@code email:}, {@code ip:} SANs. */
  public static final class Name {
    final String type; // subject, dns, uri, email, ip
    final String value;
    final X500Principal subject;

    private Name(String type, String value, X500Principal subject) {
      this.type = type;
      this.value = value;
      this.subject = subject;
    }

    public static Name subject(String dn) {
      X500Principal principal = new X500Principal(dn); // IllegalArgumentException when malformed
      return new Name("subject", principal.getName(X500Principal.RFC2253), principal);
    }

    /** {@code dns:host}, {@code uri:spiffe://...}, {@code email:a@b}, {@code ip:10.0.0.1}; {@code null} otherwise. */
    public static Name san(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        return null;
      }
      String type = text.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = text.substring(colon + 1);
      if (!type.equals("dns") && !type.equals("uri") && !type.equals("email") && !type.equals("ip")) {
        return null;
      }
      return new Name(type, value, null);
    }

    public String value() {
      return value;
    }

    boolean sameAs(Name other) {
      if (!type.equals(other.type)) {
        return false;
      }
      if (subject != null) {
        return subject.equals(other.subject);
      }
      return type.equals("uri") ? value.equals(other.value) : value.equalsIgnoreCase(other.value);
    }

    @Override
    public String toString() {
      return type.equals("subject") ? value : type + ":" + value;
    }
  }

  private final Name subject;
  private final List<Name> sans;

  private CertificateNames(Name subject, List<Name> sans) {
    this.subject = subject;
    this.sans = sans;
  }

  static CertificateNames of(X509Certificate certificate) {
    X500Principal principal = certificate.getSubjectX500Principal();
    Name subject = new Name("subject", principal.getName(X500Principal.RFC2253), principal);
    List<Name> sans = new ArrayList<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        for (List<?> entry : entries) {
          Name name = san((Integer) entry.get(0), entry.get(1));
          if (name != null) {
            sans.add(name);
          }
        }
      }
    } catch (CertificateParsingException | RuntimeException e) {
      // a certificate with unreadable SANs is still named by its subject
    }
    return new CertificateNames(subject, List.copyOf(sans));
  }

  private static Name san(int type, Object value) {
    if (!(value instanceof String)) {
      return null;
    }
    switch (type) {
      case 1: return new Name("email", (String) value, null);
      case 2: return new Name("dns", (String) value, null);
      case 6: return new Name("uri", (String) value, null);
      case 7: return new Name("ip", (String) value, null);
      default: return null;
    }
  }

  public String subject() {
    return subject.value;
  }

  public List<Name> sans() {
    return sans;
  }

  List<String> sanStrings() {
    List<String> strings = new ArrayList<>();
    for (Name san : sans) {
      strings.add(san.toString());
    }
    return strings;
  }

  /** Whether the certificate carries {@code name} (as its subject, or among its SANs). */
  public boolean has(Name name) {
    if (subject.sameAs(name)) {
      return true;
    }
    for (Name san : sans) {
      if (san.sameAs(name)) {
        return true;
      }
    }
    return false;
  }
}
