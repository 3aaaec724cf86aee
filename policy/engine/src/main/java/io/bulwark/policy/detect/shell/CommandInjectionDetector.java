package io.bulwark.policy.detect.shell;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.decode.InputDecoding;
import io.bulwark.policy.detect.path.RestrictedUploads;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;

/**
 * OS command injection: a value that, pasted into a command line, starts a command of its own. The
 * decoded value is lexed as shell ({@link ShellLexer}); a finding needs a command word in command
 * position: after a separator or control operator ({@code ; | || & && newline}), inside a
 * substitution ({@code $(...)}, backticks), after {@code $IFS}, or at the very start when written as
 * a path to a system binary or followed by shell syntax. Words nobody types in prose ({@code
 * whoami}, {@code wget}, {@code nc}) count on their own; common words that are also commands
 * ({@code cat}, {@code echo}, {@code dir}) need an argument that looks like one (a path, an option)
 * or an obfuscation. "Tom &amp; Jerry", "rock; cat lovers" and "A|B testing" pass.
 */
public final class CommandInjectionDetector implements Detector {

  @Override
  public Category category() {
    return Category.COMMAND_INJECTION;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 2 || source == Source.XML_DOCUMENT) {
      return null;
    }
    if (source != Source.HEADER && (value.charAt(0) == '~' || value.charAt(0) == '!')
        && BashExpansions.bashHistoryOrTilde(value.trim())) {
      return finding("cmdi.expansion", value, value, 0);
    }
    int upload = restrictedUpload(source, name, value);
    if (upload >= 0) {
      return finding("cmdi.restricted-upload", value, value, upload);
    }
    if (!CommandScreen.mayHoldCommand(value, scan) || CommandScreen.onlyProseAfterSeparators(value)) {
      return null;
    }
    String text = InputDecoding.decode(value);
    String trimmed = text.trim();
    if (trimmed.startsWith("() {") || trimmed.startsWith("(){")
        || Ascii.contains(text, "() {") && Ascii.contains(text, "};")) {
      return finding("cmdi.shellshock", value, text, Ascii.indexOf(text, "() {", 0));
    }
    int ssi = Ascii.indexOf(text, "<!--#exec", 0);
    if (ssi >= 0) {
      return finding("cmdi.ssi", value, text, ssi);
    }
    int tcp = Ascii.indexOf(text, "/dev/tcp/", 0);
    if (tcp < 0) {
      tcp = Ascii.indexOf(text, "/dev/udp/", 0);
    }
    if (tcp >= 0) {
      return finding("cmdi.reverse-shell", value, text, tcp);
    }
    boolean header = source == Source.HEADER;
    if (!header) {
      int expansion = BashExpansions.bashOnlySyntax(text);
      if (expansion >= 0) {
        return finding("cmdi.expansion", value, text, expansion);
      }
      int loop = WindowsBatch.loopOrCondition(text);
      if (loop >= 0) {
        return finding("cmdi.windows-batch", value, text, loop);
      }
      int glob = BashExpansions.globbedSystemPath(text);
      if (glob >= 0) {
        return finding("cmdi.expansion", value, text, glob); // /bi[n]/bash
      }
      int lead = 0;
      while (lead < text.length() && text.charAt(lead) == ' ') {
        lead++;
      }
      if ((text.startsWith("${SHELL} -", lead) || text.startsWith("${BASH} -", lead))
          && text.indexOf(' ', lead) + 1 < text.length()) {
        return finding("cmdi.command", value, text, lead); // ${SHELL} -c "..."
      }
    }
    Finding f = CommandPosition.judge(value, text, header);
    if (f == null && text.indexOf('+') >= 0 && text.indexOf(' ') < 0
        && hasMetacharacterAfter(text, text.indexOf('+'))) {
      f = CommandPosition.judge(value, text.replace('+', ' '), header); // a form-encoded value nobody decoded
    }
    // the value may land inside a quoted argument: read it after the quote it would close
    int dq = text.indexOf('"');
    if (f == null && dq >= 0 && hasMetacharacterAfter(text, dq)) {
      f = CommandPosition.judge(value, "\"" + text, header);
    }
    int sq = text.indexOf('\'');
    if (f == null && sq >= 0 && hasMetacharacterAfter(text, sq)) {
      f = CommandPosition.judge(value, "'" + text, header);
    }
    // a lone quote before it closes the argument the value lands in: 'TiMe Sh -c whoami
    char first = text.isEmpty() ? ' ' : text.charAt(0);
    if (f == null && (first == '\'' || first == '"') && text.indexOf(first, 1) < 0) {
      f = CommandPosition.judge(value, text.substring(1), header);
    }
    return f;
  }

  /**
   * Where an upload is stored under a restricted name (an {@code X-Filename} header, a multipart
   * {@code filename=}), or -1.
   */
  private static int restrictedUpload(Source source, String name, String value) {
    if (source == Source.HEADER && name != null
        && (name.equalsIgnoreCase("x-filename") || name.equalsIgnoreCase("x-file-name")
            || name.equalsIgnoreCase("x-upload-filename"))) {
      return RestrictedUploads.match(value) != null ? 0 : -1;
    }
    return value.length() > 12 && value.indexOf('=') > 0 ? RestrictedUploads.inFileNameParameter(value) : -1;
  }

  /** Whether a separator or substitution follows {@code from}: only then can a quote context matter. */
  private static boolean hasMetacharacterAfter(String text, int from) {
    for (int i = from + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';' || c == '|' || c == '&' || c == '`' || c == '$' || c == '\n' || c == '\r' || c == '<' || c == '>') {
        return true;
      }
    }
    return false;
  }

  /** A finding with the evidence from {@code at} on: every reason's evidence window is set here. */
  static Finding finding(String reason, String original, String text, int at) {
    return new Finding(Category.COMMAND_INJECTION, reason,
        Evidence.of(original, text, Math.max(0, at), Math.min(text.length(), at + 80)));
  }
}
