// Oracle runs univocity-parsers 2.9.1 (the version Spark 3.5 ships) with
// the settings of Spark's CSVOptions.asParserSettings/asWriterSettings.
// It produced univocity_golden.txt; see oracle_test.go for how.
import com.univocity.parsers.csv.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

// Differential oracle: configures univocity exactly as Spark 3.5 CSVOptions does.
public class Oracle {
  static String unhex(String h) {
    byte[] b = new byte[h.length()/2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2*i, 2*i+2), 16);
    return new String(b, StandardCharsets.UTF_8);
  }
  static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }
  static char getChar(Map<String,String> p, String k, char def) {
    String v = p.get(k);
    if (v == null) return def;
    if (v.isEmpty()) return '\u0000';
    return v.charAt(0);
  }
  static boolean getBool(Map<String,String> p, String k, boolean def) {
    String v = p.get(k);
    if (v == null) return def;
    return v.equalsIgnoreCase("true");
  }
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Map<String,String> p = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i]; int eq = a.indexOf('=');
      p.put(a.substring(0, eq), unhex(a.substring(eq+1)));
    }
    String delimiter = p.getOrDefault("sep", ",");
    char quote = getChar(p, "quote", '"');
    char escape = getChar(p, "escape", '\\');
    String ctq = p.get("charToEscapeQuoteEscaping");
    String nullValue = p.getOrDefault("nullValue", "");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
    if (mode.equals("parse")) {
      CsvParserSettings s = new CsvParserSettings();
      CsvFormat f = s.getFormat();
      f.setDelimiter(delimiter); f.setQuote(quote); f.setQuoteEscape(escape);
      if (ctq != null && !ctq.isEmpty()) f.setCharToEscapeQuoteEscaping(ctq.charAt(0));
      s.setCommentProcessingEnabled(false);
      s.setIgnoreLeadingWhitespaces(getBool(p, "ignoreLeadingWhiteSpace", false));
      s.setIgnoreTrailingWhitespaces(getBool(p, "ignoreTrailingWhiteSpace", false));
      s.setReadInputOnSeparateThread(false);
      s.setMaxColumns(20480);
      s.setNullValue(nullValue);
      s.setEmptyValue(p.getOrDefault("emptyValue", ""));
      s.setMaxCharsPerColumn(-1);
      s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
      s.setLineSeparatorDetectionEnabled(false);
      s.setErrorContentLength(1000);
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#")) continue;
        String orig = line;
        line = line.split("\t", -1)[2];
        out.print(orig + "\t");
        CsvParser parser = new CsvParser(s);
        String input = unhex(line);
        try {
          String[] toks = parser.parseLine(input);
          if (toks == null) { out.println("NULL"); continue; }
          StringBuilder sb = new StringBuilder("T");
          for (String t : toks) { sb.append(' '); sb.append(t == null ? "~" : (t.isEmpty() ? "-" : hex(t))); }
          out.println(sb);
        } catch (Exception e) {
          out.println("E " + e.getClass().getSimpleName());
        }
      }
    } else {
      CsvWriterSettings ws = new CsvWriterSettings();
      CsvFormat f = ws.getFormat();
      f.setDelimiter(delimiter); f.setQuote(quote); f.setQuoteEscape(escape);
      if (ctq != null && !ctq.isEmpty()) f.setCharToEscapeQuoteEscaping(ctq.charAt(0));
      ws.setIgnoreLeadingWhitespaces(getBool(p, "ignoreLeadingWhiteSpace", true));
      ws.setIgnoreTrailingWhitespaces(getBool(p, "ignoreTrailingWhiteSpace", true));
      ws.setNullValue(nullValue);
      ws.setEmptyValue(p.getOrDefault("emptyValue", "\"\""));
      ws.setSkipEmptyLines(true);
      ws.setQuoteAllFields(getBool(p, "quoteAll", false));
      ws.setQuoteEscapingEnabled(getBool(p, "escapeQuotes", true));
      ws.setErrorContentLength(1000);
      CsvWriter w = new CsvWriter((Writer) null, ws);
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#")) continue;
        out.print(line + "\t");
        line = line.split("\t", -1)[2];
        String[] parts = line.isEmpty() ? new String[0] : line.split(" ", -1);
        Object[] row = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) row[i] = parts[i].equals("~") ? null : (parts[i].equals("-") ? "" : unhex(parts[i]));
        try {
          String r = w.writeRowToString(row);
          out.println(r == null ? "NULL" : "W " + hex(r));
        } catch (Exception e) {
          out.println("E " + e.getClass().getSimpleName());
        }
      }
    }
    out.flush();
  }
}
