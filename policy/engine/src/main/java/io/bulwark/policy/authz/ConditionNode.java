package io.bulwark.policy.authz;

import io.bulwark.policy.authz.Condition.Truth;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** The expression tree of a {@link Condition}: small immutable nodes, each evaluating itself. */
abstract class ConditionNode {

  /** The node as a truth value (only boolean expressions and boolean-valued references have one). */
  abstract Truth truth(ConditionFacts facts);

  /** The node as a value (literals and references); {@code null} when missing. */
  Object value(ConditionFacts facts) {
    throw new UnsupportedOperationException("not a value");
  }

  static final class Or extends ConditionNode {
    final ConditionNode left;
    final ConditionNode right;

    Or(ConditionNode left, ConditionNode right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      Truth a = left.truth(facts);
      if (a == Truth.TRUE) {
        return Truth.TRUE;
      }
      Truth b = right.truth(facts);
      return b == Truth.TRUE ? Truth.TRUE : a == Truth.FALSE && b == Truth.FALSE ? Truth.FALSE : Truth.UNKNOWN;
    }
  }

  static final class And extends ConditionNode {
    final ConditionNode left;
    final ConditionNode right;

    And(ConditionNode left, ConditionNode right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      Truth a = left.truth(facts);
      if (a == Truth.FALSE) {
        return Truth.FALSE;
      }
      Truth b = right.truth(facts);
      return b == Truth.FALSE ? Truth.FALSE : a == Truth.TRUE && b == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
    }
  }

  static final class Not extends ConditionNode {
    final ConditionNode operand;

    Not(ConditionNode operand) {
      this.operand = operand;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      return operand.truth(facts).not();
    }
  }

  /** {@code ==}, {@code !=} and {@code in}. */
  static final class Compare extends ConditionNode {
    enum Op { EQ, NE, IN }

    final Op op;
    final ConditionNode left;
    final ConditionNode right;

    Compare(Op op, ConditionNode left, ConditionNode right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      Object a = left.value(facts);
      Object b = right.value(facts);
      if (a == null || b == null) {
        return Truth.UNKNOWN;
      }
      switch (op) {
        case EQ:
          return Truth.of(same(a, b));
        case NE:
          return Truth.of(!same(a, b));
        default:
          if (!(b instanceof Collection)) {
            return Truth.FALSE;
          }
          for (Object item : (Collection<?>) b) {
            if (item != null && same(a, item)) {
              return Truth.TRUE;
            }
          }
          return Truth.FALSE;
      }
    }

    /**
     * Equality across the types facts come in: numbers by value, a number and a string by the
     * number's plain text (a claim {@code 42} equals the path segment {@code "42"}), lists never.
     */
    static boolean same(Object a, Object b) {
      if (a instanceof Collection || b instanceof Collection) {
        return false;
      }
      if (a instanceof Number && b instanceof Number) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x != null && y != null && x.compareTo(y) == 0;
      }
      if (a instanceof Number && b instanceof String || a instanceof String && b instanceof Number) {
        BigDecimal number = decimal(a instanceof Number ? a : b);
        String text = (String) (a instanceof String ? a : b);
        return number != null && number.stripTrailingZeros().toPlainString().equals(text);
      }
      return a.equals(b);
    }

    /** The number's exact value, or {@code null} for NaN and infinities. */
    private static BigDecimal decimal(Object number) {
      try {
        return new BigDecimal(number.toString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** {@code principal.id}, {@code path.id}, {@code principal.claims.tenant}, ... */
  static final class Reference extends ConditionNode {
    final String root;
    final String name;

    Reference(String root, String name) {
      this.root = root;
      this.name = name;
    }

    @Override
    Object value(ConditionFacts facts) {
      return facts.value(root, name);
    }

    @Override
    Truth truth(ConditionFacts facts) {
      Object value = facts.value(root, name);
      return Boolean.TRUE.equals(value) ? Truth.TRUE : Boolean.FALSE.equals(value) ? Truth.FALSE : Truth.UNKNOWN;
    }
  }

  static final class Literal extends ConditionNode {
    final Object value;

    Literal(Object value) {
      this.value = value;
    }

    @Override
    Object value(ConditionFacts facts) {
      return value;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      return Boolean.TRUE.equals(value) ? Truth.TRUE : Boolean.FALSE.equals(value) ? Truth.FALSE : Truth.UNKNOWN;
    }
  }

  /** {@code ['alice', 'bob']}: literals only. */
  static final class ListLiteral extends ConditionNode {
    final List<Object> values;

    ListLiteral(List<Object> values) {
      this.values = List.copyOf(values);
    }

    @Override
    Object value(ConditionFacts facts) {
      return values;
    }

    @Override
    Truth truth(ConditionFacts facts) {
      return Truth.UNKNOWN;
    }
  }
}
