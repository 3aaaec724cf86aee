package io.bulwark.agent.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bulwark.instrumentation.Instrumentations;
import java.lang.instrument.ClassFileTransformer;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

/** JDBC statements and connections are found by their hierarchy, whoever's classes they are. */
class JdbcHierarchyWeavingTest {

  /** A driver's statement two levels below java.sql.Statement, as drivers write them. */
  public abstract static class DriverStatement implements DriverStatementApi {
    @Override
    public ResultSet executeQuery(String sql) {
      return null;
    }
  }

  public interface DriverStatementApi extends Statement {}

  /** Uses JDBC types (passes the class-file pre-filter) without being a statement. */
  public static final class Dao {
    public ResultSet find(Statement statement) throws Exception {
      return statement.executeQuery("SELECT 1");
    }
  }

  private final ClassFileTransformer weaver = Installer.build(Instrumentations.all());

  private byte[] transform(Class<?> type) throws Exception {
    return weaver.transform(null, getClass().getClassLoader(), type.getName().replace('.', '/'), null, null,
        ClassFileLocator.ForClassLoader.read(type));
  }

  @Test
  void aClassBelowStatementIsWoven() throws Exception {
    assertNotNull(transform(DriverStatement.class));
  }

  @Test
  void interfacesAndOtherJdbcUsersAreLeftAlone() throws Exception {
    assertNull(transform(DriverStatementApi.class));
    assertNull(transform(Dao.class));
  }

  @Test
  void theNameFilterPassesOnlyClassesOfApplicationLoadersThatMentionJdbc() throws Exception {
    RecordingTransformer recording = new RecordingTransformer();
    NameFilterTransformer filter = new NameFilterTransformer(Set.of(), Set.of("java/sql/"),
        CompletableFuture.completedFuture(recording));
    ClassLoader app = getClass().getClassLoader();
    filter.transform(null, app, "x/Dao", null, null, ClassFileLocator.ForClassLoader.read(Dao.class));
    filter.transform(null, app, "x/Test", null, null, ClassFileLocator.ForClassLoader.read(getClass().getSuperclass()));
    filter.transform(null, null, "x/Boot", null, null, ClassFileLocator.ForClassLoader.read(Dao.class));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("x/Dao"), recording.seen);
  }

  static final class RecordingTransformer implements ClassFileTransformer {
    final java.util.List<String> seen = new java.util.ArrayList<>();

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
        java.security.ProtectionDomain domain, byte[] classfile) {
      seen.add(className);
      return null;
    }
  }
}
