package io.bulwark.policy.request;

import io.bulwark.policy.detect.Source;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks an XML body's text and attribute values ({@code xml./order/note}, {@code
 * xml./order/@id}) with the JDK's own StAX reader, DTDs and external entities off: reading the body
 * must never fetch anything or expand anything. (The document itself is inspected as a whole, for
 * DOCTYPE and ENTITY declarations, before this walk.)
 */
public final class XmlInputs {

  private static final int MAX_LOCATION = 512;
  /** Text and attribute values shown at most; the rest of a huge document is not walked. */
  private static final int MAX_VALUES = 10_000;

  /** What the walk found. */
  public enum Outcome { COMPLETE, STOPPED, MALFORMED }

  private XmlInputs() {}

  /** The JDK's factory, never the application's (which a service lookup through its class loader would find). */
  private static final class Factory {
    static final XMLInputFactory INSTANCE = create();

    private static XMLInputFactory create() {
      XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
      factory.setProperty(XMLInputFactory.IS_COALESCING, true);
      return factory;
    }
  }

  /** Walks the document; {@code STOPPED} when the visitor stopped it, {@code MALFORMED} at a fault. */
  public static Outcome walk(byte[] body, int length, int maxDepth, InputVisitor visitor) {
    ArrayDeque<String> path = new ArrayDeque<>();
    InputVisitor.Location element = () -> location(path);
    int values = 0;
    XMLStreamReader reader = null;
    try {
      reader = Factory.INSTANCE.createXMLStreamReader(new ByteArrayInputStream(body, 0, length));
      while (reader.hasNext() && values < MAX_VALUES) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (path.size() >= maxDepth) {
            return Outcome.COMPLETE; // deeper elements are not walked; the document was inspected whole
          }
          path.push(reader.getLocalName());
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            values++;
            if (!visitor.visit(Source.XML, () -> element.location() + "/@" + name, name, reader.getAttributeValue(i))) {
              return Outcome.STOPPED;
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          path.poll();
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          if (!reader.isWhiteSpace() && !path.isEmpty()) {
            values++;
            if (!visitor.visit(Source.XML, element, path.peek(), reader.getText())) {
              return Outcome.STOPPED;
            }
          }
        }
      }
      return Outcome.COMPLETE;
    } catch (XMLStreamException | RuntimeException e) {
      return Outcome.MALFORMED; // not XML, or entities the safe reader does not expand
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }

  private static String location(ArrayDeque<String> path) {
    StringBuilder location = new StringBuilder("xml.");
    java.util.Iterator<String> names = path.descendingIterator();
    while (names.hasNext() && location.length() < MAX_LOCATION) {
      location.append('/').append(names.next());
    }
    return location.length() > MAX_LOCATION ? location.substring(0, MAX_LOCATION) : location.toString();
  }
}
