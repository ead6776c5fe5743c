// Gold computes golden.txt, the JDK's answers for the behaviours sqlfn takes
// from the JVM (StrictMath, BigDecimal, java.util.regex, java.time patterns
// as Spark's DateTimeFormatterHelper builds them, Base64 MIME, case mapping).
// Regenerate with a JDK 17 (what Spark 3.5 runs on):
//   go test -oracle-input=/tmp/in.txt ./internal/runtime/sqlfn/
//   javac -d /tmp Gold.java && java -cp /tmp Gold < /tmp/in.txt > ../golden.txt
import java.io.*;
import java.math.*;
import java.nio.charset.StandardCharsets;
import java.time.*;
import java.time.chrono.IsoChronology;
import java.time.format.*;
import java.time.temporal.*;
import java.util.*;
import java.util.regex.*;

public class Gold {
  static String unhex(String h) { return new String(bytes(h), StandardCharsets.UTF_8); }
  static byte[] bytes(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    return b;
  }
  static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }
  static double dbl(String h) { return Double.longBitsToDouble(Long.parseUnsignedLong(h, 16)); }
  static String bits(double d) { return Long.toHexString(Double.doubleToRawLongBits(d)); }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.US);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\t", -1);
      String r;
      try {
        r = eval(f);
      } catch (Exception e) {
        r = "!";
      }
      out.println(line + "\t" + r);
    }
    out.flush();
  }

  static String eval(String[] f) throws Exception {
    switch (f[0]) {
      case "pow": return bits(StrictMath.pow(dbl(f[1]), dbl(f[2])));
      case "exp": return bits(StrictMath.exp(dbl(f[1])));
      case "log": return bits(StrictMath.log(dbl(f[1])));
      case "log10": return bits(StrictMath.log10(dbl(f[1])));
      case "round": {
        double d = dbl(f[1]);
        RoundingMode m = f[3].equals("even") ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP;
        return bits(new BigDecimal(Double.toString(d)).setScale(Integer.parseInt(f[2]), m).doubleValue());
      }
      case "split": {
        int limit = Integer.parseInt(f[3]);
        String[] parts = unhex(f[1]).split(unhex(f[2]), limit == 0 ? -1 : limit);
        StringBuilder sb = new StringBuilder();
        for (String p : parts) sb.append(hex(p)).append(',');
        return sb.toString();
      }
      case "replace": return hex(Pattern.compile(unhex(f[2])).matcher(unhex(f[1])).replaceAll(unhex(f[3])));
      case "extract": {
        Matcher m = Pattern.compile(unhex(f[2])).matcher(unhex(f[1]));
        if (!m.find()) return "";
        String g = m.group(Integer.parseInt(f[3]));
        return g == null ? "" : hex(g);
      }
      case "rlike": return Pattern.compile(unhex(f[2])).matcher(unhex(f[1])).find() ? "true" : "false";
      case "fmt": {
        DateTimeFormatter fm = formatter(unhex(f[3]), false).withZone(ZoneId.of(f[2]));
        return hex(fm.format(Instant.EPOCH.plus(Long.parseLong(f[1]), ChronoUnit.MICROS)));
      }
      case "parse": {
        DateTimeFormatter fm = formatter(unhex(f[3]), true);
        TemporalAccessor t = fm.parse(unhex(f[1]));
        ZoneId z = t.query(TemporalQueries.zone());
        if (z == null) z = ZoneId.of(f[2]);
        ZonedDateTime zdt = ZonedDateTime.of(toLocalDate(t), toLocalTime(t), z);
        return Long.toString(Math.addExact(Math.multiplyExact(zdt.toEpochSecond(), 1000000L), zdt.get(ChronoField.MICRO_OF_SECOND)));
      }
      case "mime": return hex(Base64.getMimeEncoder().encodeToString(bytes(f[1])));
      case "unmime": {
        byte[] b = Base64.getMimeDecoder().decode(unhex(f[1]));
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
      }
      case "dec": {
        BigDecimal a = new BigDecimal(f[2]), b = new BigDecimal(f[3]);
        MathContext mc = new MathContext(38, RoundingMode.HALF_UP);
        BigDecimal r;
        switch (f[1]) {
          case "+": r = a.add(b); break;
          case "-": r = a.subtract(b); break;
          case "*": r = a.multiply(b, mc); break;
          case "/": r = a.divide(b, mc); break;
          default: r = a.remainder(b, mc);
        }
        r = r.setScale(Integer.parseInt(f[5]), RoundingMode.HALF_UP);
        if (r.precision() > Integer.parseInt(f[4])) return "null";
        return r.toString();
      }
      case "lower": return hex(unhex(f[1]).toLowerCase());
      case "upper": return hex(unhex(f[1]).toUpperCase());
    }
    throw new IllegalArgumentException(f[0]);
  }

  // Spark 3.5's DateTimeFormatterHelper, for the patterns tests use.
  static DateTimeFormatter formatter(String pattern, boolean parsing) {
    boolean era = false;
    String[] parts = pattern.split("'", -1);
    for (int i = 0; i < parts.length; i += 2) if (parts[i].contains("G")) era = true;
    String[] ps = (pattern + " ").split("'", -1);
    StringBuilder np = new StringBuilder();
    for (int i = 0; i < ps.length; i++) {
      if (i > 0) np.append('\'');
      np.append(i % 2 == 0 && !era ? ps[i].replace("y", "u") : ps[i]);
    }
    String p = np.toString();
    p = p.substring(0, p.length() - 1);
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    if (parsing && p.contains("S")) {
      String[] qs = p.split("'");
      for (int idx = 0; idx < qs.length; idx++) {
        String part = qs[idx];
        if (part.isEmpty() && idx != 0) { b.appendLiteral("'"); continue; }
        if (idx % 2 == 0) {
          String rest = part;
          Pattern ex = Pattern.compile("^([^S]*)(S*)(.*)$", Pattern.DOTALL);
          while (!rest.isEmpty()) {
            Matcher m = ex.matcher(rest);
            m.matches();
            b.appendPattern(m.group(1));
            if (!m.group(2).isEmpty()) b.appendFraction(ChronoField.NANO_OF_SECOND, 1, m.group(2).length(), false);
            rest = m.group(3);
          }
        } else {
          b.appendLiteral(part);
        }
      }
    } else {
      b.appendPattern(p);
    }
    return b.toFormatter(Locale.US).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
  }

  static int getOrDefault(TemporalAccessor a, ChronoField f, int d) { return a.isSupported(f) ? a.get(f) : d; }
  static LocalDate toLocalDate(TemporalAccessor a) {
    LocalDate d = a.query(TemporalQueries.localDate());
    if (d != null) return d;
    return LocalDate.of(getOrDefault(a, ChronoField.YEAR, 1970), getOrDefault(a, ChronoField.MONTH_OF_YEAR, 1), getOrDefault(a, ChronoField.DAY_OF_MONTH, 1));
  }
  static LocalTime toLocalTime(TemporalAccessor a) {
    LocalTime t = a.query(TemporalQueries.localTime());
    if (t != null) return t;
    int hour;
    if (a.isSupported(ChronoField.HOUR_OF_DAY)) hour = a.get(ChronoField.HOUR_OF_DAY);
    else if (a.isSupported(ChronoField.HOUR_OF_AMPM)) hour = a.get(ChronoField.HOUR_OF_AMPM);
    else if (a.isSupported(ChronoField.AMPM_OF_DAY) && a.get(ChronoField.AMPM_OF_DAY) == 1) hour = 12;
    else hour = 0;
    return LocalTime.of(hour, getOrDefault(a, ChronoField.MINUTE_OF_HOUR, 0), getOrDefault(a, ChronoField.SECOND_OF_MINUTE, 0), getOrDefault(a, ChronoField.NANO_OF_SECOND, 0));
  }
}
