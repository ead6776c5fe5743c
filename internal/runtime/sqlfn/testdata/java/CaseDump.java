import java.util.Locale;
// Prints, for every code point whose Java String.toUpperCase()/toLowerCase()
// (English locale) is not the code point itself, "U|L <cp hex> <result cps hex...>".
public class CaseDump {
  public static void main(String[] a) {
    Locale.setDefault(Locale.US);
    StringBuilder out = new StringBuilder();
    for (int cp = 0; cp <= 0x10FFFF; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      String s = new String(Character.toChars(cp));
      dump(out, "U", cp, s.toUpperCase());
      dump(out, "L", cp, s.toLowerCase());
    }
    System.out.print(out);
  }
  static void dump(StringBuilder out, String k, int cp, String r) {
    if (r.codePointCount(0, r.length()) == 1 && r.codePointAt(0) == cp) return;
    out.append(k).append(' ').append(Integer.toHexString(cp));
    r.codePoints().forEach(c -> out.append(' ').append(Integer.toHexString(c)));
    out.append('\n');
  }
}
