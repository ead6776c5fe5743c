// Gold computes the expected values in golden.txt with the JVM itself.
// Regenerate (needs a JDK; see oracle_test.go):
//   go test -oracle-input=/tmp/in.txt ./internal/runtime/sparktext/
//   javac -d /tmp Gold.java && java -cp /tmp Gold < /tmp/in.txt > golden.txt
import java.io.*;
import java.math.*;
import java.nio.charset.StandardCharsets;
import java.time.*;
import java.time.format.DateTimeFormatter;

public class Gold {
  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
  static final DateTimeFormatter NTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  static String unhex(String h) { return new String(bytes(h), StandardCharsets.UTF_8); }
  static byte[] bytes(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    return b;
  }
  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }

  public static void main(String[] args) throws Exception {
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

  static String eval(String[] f) {
    switch (f[0]) {
      case "bigdec": {
        BigDecimal d = new BigDecimal(new BigInteger(f[1]), Integer.parseInt(f[2]));
        return d.toString() + "\t" + d.toPlainString();
      }
      case "pdec": case "pdecus": {
        String s = unhex(f[1]);
        if (f[0].equals("pdecus")) s = s.replaceAll(",", "");
        int p = Integer.parseInt(f[2]), sc = Integer.parseInt(f[3]);
        BigDecimal d = new BigDecimal(s).setScale(sc, RoundingMode.HALF_UP);
        if (d.precision() > p) return "!";
        return d.toString();
      }
      case "pdouble": return Long.toHexString(Double.doubleToRawLongBits(Double.parseDouble(unhex(f[1]))));
      case "pfloat": return Integer.toHexString(Float.floatToRawIntBits(Float.parseFloat(unhex(f[1]))));
      case "plong": return Long.toString(Long.parseLong(unhex(f[1])));
      case "pint": return Integer.toString(Integer.parseInt(unhex(f[1])));
      case "pshort": return Short.toString(Short.parseShort(unhex(f[1])));
      case "pbyte": return Byte.toString(Byte.parseByte(unhex(f[1])));
      case "ts": {
        long us = Long.parseLong(f[1]);
        Instant i = Instant.ofEpochSecond(Math.floorDiv(us, 1000000L), Math.floorMod(us, 1000000L) * 1000L);
        ZoneId z = f[2].isEmpty() ? ZoneOffset.UTC : ZoneId.of(f[2]);
        return TS.withZone(z).format(i) + "\t" + NTZ.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
      }
      case "date": return DATE.format(LocalDate.ofEpochDay(Integer.parseInt(f[1])));
      case "local": {
        // f[1] = epoch seconds of a local date-time, f[2] = zone
        LocalDateTime l = LocalDateTime.ofEpochSecond(Long.parseLong(f[1]), 0, ZoneOffset.UTC);
        return Long.toString(ZonedDateTime.of(l, ZoneId.of(f[2])).toEpochSecond());
      }
      case "utf8": return hex(new String(bytes(f[1]), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
    return "?";
  }
}
