package io.bulwark.policy.detect;

import static io.bulwark.policy.detect.DetectorAssertions.clean;
import static io.bulwark.policy.detect.DetectorAssertions.flagged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL shapes of short values that are a fragment and nothing else (sql.SqlShapes and the
 * whole-value probes of SqlInjectionDetector): each attack with its reason, and the benign
 * look-alike next to it passes.
 */
class SqlFragmentShapesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
    // a parenthesis closed and a comparison begun
    ") like (|sqli.tautology",
    ")like(|sqli.tautology",
    ") regexp '^a'|sqli.tautology",
    // CASE WHEN as the whole value
    " case when condition1 then result1|sqli.expression",
    "(case when 1=1 then 'a' else 'b' end)|sqli.expression",
    // literals compared, the last quote left to the application
    "'x'!='y|sqli.tautology",
    "'{\"a\":2,\"c\":[4,5,{\"f\":7}]}' < '$.c[2].f' = 7|sqli.tautology",
    // a function name left open
    "md5\\(|sqli.function",
    "encode=(|sqli.function",
    "selectect%2520user%28%0A|sqli.function",
    // MySQL's scientific-notation separator
    "1.e(ascii)|sqli.expression",
    "1.e.tables|sqli.expression",
    // a select list's tail
    "1234 AS \"foobar\" FROM tablevar2=whatever|sqli.select",
    "6 As\" from|sqli.select",
    // a quote closed, then SELECT or a pattern comparison
    "%27select+H%0A|sqli.select",
    "` REGEXP |sqli.tautology",
    // DDL and stacked statements in short values
    "/CREATE TABLE Persons|sqli.stacked-query",
    ";truncate[xx]|sqli.stacked-query",
    "CREATE FUNCTION hello (s CHAR(20)) RETURNS CHAR(50) DETERMINISTIC RETURN CONCAT('Hello, ',s,'!');|sqli.stacked-query",
    // MySQL's ODBC escape hides the operand of a condition
    "9999 or {if length((/*!5000select username/*!comment*/|sqli.boolean",
    // catalogs and sample databases as the whole value
    "mysql.db|sqli.catalog",
    "Northwind|sqli.catalog",
    "AdventureWorks|sqli.catalog",
    // numbers that probe the parser
    "2.2250738585072011e-308|sqli.numeric-probe",
    "2.2250738585072012e-308|sqli.numeric-probe",
    "4294967296|sqli.numeric-probe",
    "-2147483649|sqli.numeric-probe",
  })
  void attacks(String value, String reason) {
    assertEquals(reason, flagged(Category.SQL_INJECTION, value).reason(), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "(see above) like (this)", "Products like (new) ones", "smiley :) like :(",
    "In case when you arrive, call me", "In case when the power fails then restart the router", "Case when: 2024-113",
    "\"Good\" > \"Bad\" by far", "\"yes\" or \"no\"", "'A' is for apple",
    "Ask the user(s) first", "Please select a version (2.0 or 3.0)", "md5 = (hash of the file)", "count = (a + b) / 2",
    "Step 1.e (optional)", "Section 1.e.ii", "see item 1.e. below",
    "2 as in two, from the top", "also known as \"Bob\" from Texas",
    "' like this", "'select all' to continue", "`inline code`", "`like`",
    "- Create user accounts", "- Create table plan for the wedding", "* Create view for the dashboard",
    "/create a new table", "Northwind Traders", "https://northwind.example.com/orders", "mysql", "db",
    "2147483647", "4294967295", "-2147483648", "4294967296 bytes", "2.2250738585072014e-308", "1.7976931348623157e308",
  })
  void benignLookAlikes(String value) {
    clean(Category.SQL_INJECTION, value);
    clean(Category.SQL_INJECTION, Source.JSON, value);
  }
}
