package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bulwark.policy.detect.DetectionCorpus.Input;
import io.bulwark.policy.detect.DetectionCorpus.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Detection quality, measured: per category, the true-positive rate on the corpus attacks and the
 * false-positive rate on benign values, with floors that only ever go up. The floors are the rates
 * measured when they were set (docs/DETECTION.md says which sets are below the 0.95 and
 * why); the false-positive ceiling is 0.01 for every category. Prints the table that
 * docs/DETECTION.md shows. {@code -Ddetect.show=sqlInjection} also prints that category's misses and
 * false positives.
 *
 * <p>An attack sample counts as detected when the category's detector flags any one of the sample's
 * inputs (a CRS request carries its payload in one of several parameters, headers or the body).
 */
class DetectionQualityTest {

  private final Detectors detectors = Detectors.standard();
  private final String show = System.getProperty("detect.show", "");

  /** One attack set measured against one category. */
  private record AttackSet(String name, Category category, double floor, List<Sample> samples) {}

  @Test
  void ratesPerCategoryHoldTheirFloors() throws Exception {
    Path dir = DetectionCorpus.directory();
    assumeTrue(dir != null, "detection corpus ../shared/corpus is absent: quality rates not measured (CI has it)");

    List<Sample> crs = DetectionCorpus.crs(dir, 1);
    List<Sample> lib = DetectionCorpus.libinjection(dir);
    List<Sample> params = DetectionCorpus.httpParams(dir);

    List<AttackSet> sets = new ArrayList<>();
    sets.add(new AttackSet("CRS PL1 942 sqli", Category.SQL_INJECTION, 0.84, family(crs, "sqli")));
    sets.add(new AttackSet("CRS PL1 941 xss", Category.XSS, 0.82, family(crs, "xss")));
    sets.add(new AttackSet("CRS PL1 932 rce", Category.COMMAND_INJECTION, 0.82, family(crs, "rce")));
    sets.add(new AttackSet("CRS PL1 930 lfi", Category.PATH_TRAVERSAL, 0.98, family(crs, "lfi")));
    sets.add(new AttackSet("CRS PL1 931 rfi", Category.SSRF, 1.00, family(crs, "rfi")));
    sets.add(new AttackSet("CRS PL1 934190 ssrf", Category.SSRF, 0.94, filter(crs, s -> s.origin().equals("crs 934190"))));
    sets.add(new AttackSet("CRS PL1 944 java (jndi)", Category.JNDI, 0.95, filter(family(crs, "java"), DetectionQualityTest::mentionsJndi)));
    sets.add(new AttackSet("libinjection sqli", Category.SQL_INJECTION, 0.95, filter(lib, s -> s.attack() && s.family().equals("sqli"))));
    sets.add(new AttackSet("libinjection xss", Category.XSS, 0.97, filter(lib, s -> s.attack() && s.family().equals("xss"))));
    sets.add(new AttackSet("httpparams sqli", Category.SQL_INJECTION, 0.98, filter(params, s -> s.family().equals("sqli"))));
    sets.add(new AttackSet("httpparams xss", Category.XSS, 0.92, filter(params, s -> s.family().equals("xss"))));
    sets.add(new AttackSet("httpparams cmdi", Category.COMMAND_INJECTION, 0.78, filter(params, s -> s.family().equals("cmdi"))));
    sets.add(new AttackSet("httpparams path-traversal", Category.PATH_TRAVERSAL, 0.64, filter(params, s -> s.family().equals("path-traversal"))));
    // a third of that set are fuzzing templates whose {file} placeholder was never filled in
    sets.add(new AttackSet("httpparams path-traversal, no {file} template", Category.PATH_TRAVERSAL, 0.68, filter(params, s -> s.family().equals("path-traversal") && !s.inputs().get(0).value().contains("{file}"))));

    List<Sample> benign = new ArrayList<>();
    benign.addAll(filter(lib, s -> !s.attack()));
    benign.addAll(filter(params, s -> !s.attack()));
    List<Sample> curated = DetectionCorpus.curatedBenign();
    benign.addAll(curated);

    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%n| attack set | category | attacks | detected | TPR | floor |%n| --- | --- | ---: | ---: | ---: | ---: |%n"));
    List<String> failures = new ArrayList<>();
    for (AttackSet set : sets) {
      int detected = 0;
      List<String> misses = new ArrayList<>();
      for (Sample sample : set.samples()) {
        if (flags(set.category(), sample)) {
          detected++;
        } else if (misses.size() < 400) {
          misses.add(sample.origin() + " " + sample.inputs());
        }
      }
      double tpr = set.samples().isEmpty() ? 1 : (double) detected / set.samples().size();
      table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %.2f |%n", set.name(), set.category().policyKey(), set.samples().size(), detected, tpr, set.floor()));
      if (tpr < set.floor()) {
        failures.add(set.name() + " TPR " + tpr + " < " + set.floor());
      }
      if (show.equals(set.category().policyKey()) || show.equals("all")) {
        misses.forEach(m -> System.out.println("MISS " + set.name() + ": " + m));
      }
    }

    table.append(String.format(Locale.ROOT, "%n| category | benign values | flagged | FPR | of them curated | ceiling |%n| --- | ---: | ---: | ---: | ---: | ---: |%n"));
    for (Category category : Category.values()) {
      if (category == Category.XXE) {
        continue; // applies to whole XML documents only; measured in XxeDetectorTest
      }
      int flagged = 0;
      int flaggedCurated = 0;
      for (Sample sample : benign) {
        if (flags(category, sample)) {
          flagged++;
          if (sample.origin().equals("curated")) {
            flaggedCurated++;
          }
          if (show.equals(category.policyKey()) || show.equals("all")) {
            System.out.println("FP " + category + ": " + sample.origin() + " " + sample.inputs());
          }
        }
      }
      double fpr = (double) flagged / benign.size();
      table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %d | %.2f |%n", category.policyKey(), benign.size(), flagged, fpr, flaggedCurated, 0.01));
      if (fpr > 0.01) {
        failures.add(category + " FPR " + fpr + " > 0.01");
      }
    }
    System.out.println(table);
    assertTrue(failures.isEmpty(), String.join("\n", failures) + table);
    assertTrue(curated.size() >= 300, "curated benign set has " + curated.size() + " values");
  }

  private boolean flags(Category category, Sample sample) {
    for (Input input : sample.inputs()) {
      if (detectors.inspect(category, input.source(), input.name(), input.value()) != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsJndi(Sample s) {
    return s.inputs().stream().anyMatch(i -> i.value().toLowerCase(Locale.ROOT).contains("jndi") || (i.name() != null && i.name().toLowerCase(Locale.ROOT).contains("jndi")));
  }

  private static List<Sample> family(List<Sample> samples, String family) {
    return filter(samples, s -> s.family().equals(family));
  }

  private static List<Sample> filter(List<Sample> samples, Predicate<Sample> keep) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (keep.test(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
