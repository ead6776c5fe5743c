package expr

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"TotalAmount * 0.2", "(* TotalAmount 0.2BD)"},
		{"a + b * c - d", "(- (+ a (* b c)) d)"},
		{"-a * b", "(* (- a) b)"},
		{"-5", "-5"},
		{"- 5", "(- 5)"},
		{"10L + 2S + 3Y + 1.5D + 2F + 1e3 + 7BD", "(+ (+ (+ (+ (+ (+ 10L 2S) 3Y) 1.5D) 2F) 1e3D) 7BD)"},
		{"a = 1 AND b <> 2 OR NOT c", "(OR (AND (= a 1) (<> b 2)) (NOT c))"},
		{"a == 1 or b != 2", "(OR (= a 1) (<> b 2))"},
		{"NOT a = b", "(NOT (= a b))"},
		{"a IS NOT NULL AND b IS NULL", "(AND (IS-NOT-NULL a) (IS-NULL b))"},
		{"x NOT IN (1, 2, 3)", "(NOT-IN x 1 2 3)"},
		{"x BETWEEN 1 AND 10 AND y", "(AND (BETWEEN x 1 10) y)"},
		{"name LIKE 'A%' ESCAPE '!'", `(LIKE name "A%")`},
		{"name NOT RLIKE '^a'", `(NOT-RLIKE name "^a")`},
		{"a || b || 'c'", `(|| (|| a b) "c")`},
		{"a & b | c ^ d", "(| (& a b) (^ c d))"},
		{"7 DIV 2 % 3", "(% (DIV 7 2) 3)"},
		{"a <=> b", "(<=> a b)"},
		{"a IS DISTINCT FROM b", "(NOT (<=> a b))"},
		{"CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END",
			`(CASE (WHEN (> a 1) "big") (WHEN (> a 0) "small") (ELSE "none"))`},
		{"CASE x WHEN 1 THEN 'one' END", `(CASE x (WHEN 1 "one"))`},
		{"CAST(a AS DECIMAL(10, 2))", "(CAST a DECIMAL(10, 2))"},
		{"cast(a as array<struct<x: int>>)", "(CAST a array<struct<x: int>>)"},
		{"a::bigint + 1", "(+ (CAST a bigint) 1)"},
		{"value.DeliveryAddress.City", "value.DeliveryAddress.City"},
		{"`odd name`.`x``y`", "`odd name`.`x``y`"},
		{"items[0].price", "(. ([] items 0) price)"},
		{"m['k']", `([] m "k")`},
		{"named_struct('a', 1).a", `(. (named_struct() "a" 1) a)`},
		{"to_json(struct(*))", "(to_json() (struct() *))"},
		{"count(DISTINCT a)", "(count-distinct() a)"},
		{"value.*", "value.*"},
		{"'it''s'", `"its"`},
		{`'a\tb\u0041\101' "c"`, `"a\tbAAc"`},
		{"DATE '2020-01-01' < TIMESTAMP '2020-01-01 10:00:00'", `(< DATE "2020-01-01" TIMESTAMP "2020-01-01 10:00:00")`},
		{"transform(xs, x -> x + 1)", "(transform() xs (LAMBDA (x) (+ x 1)))"},
		{"aggregate(xs, 0, (acc, x) -> acc + x)", "(aggregate() xs 0 (LAMBDA (acc x) (+ acc x)))"},
		{"(a, b)", "(struct() a b)"},
		{"struct(a AS x, b)", "(struct() (AS a x) b)"},
		{"STRUCT(a + 1 y, `odd name`.c AS `z z`)", "(struct() (AS (+ a 1) y) (AS `odd name`.c `z z`))"},
		{"to_json(struct(value.a AS x, *))", "(to_json() (struct() (AS value.a x) *))"},
		{"(a AS x, b)", "(struct() (AS a x) b)"},
		{"(a, b c)", "(struct() a (AS b c))"},
		{"x IS TRUE", "(IS-TRUE x)"},
		{"a -- comment\n + 1", "(+ a 1)"},
		{"date + 1", "(+ date 1)"},
	} {
		e, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := Format(e); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseNamed(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"InvoiceNumber as key", "(AS InvoiceNumber key)"},
		{"to_json(struct(*)) AS value", "(AS (to_json() (struct() *)) value)"},
		{"explode(value.InvoiceLineItems) as LineItem", "(AS (explode() value.InvoiceLineItems) LineItem)"},
		{"a + 1 total", "(AS (+ a 1) total)"},
		{"posexplode(xs) AS (pos, x)", "(AS (posexplode() xs) pos,x)"},
		{"value.City", "value.City"},
	} {
		e, err := ParseNamed(tc.in)
		if err != nil {
			t.Errorf("ParseNamed(%q): %v", tc.in, err)
			continue
		}
		if got := Format(e); got != tc.want {
			t.Errorf("ParseNamed(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in     string
		offset int
		msg    string
	}{
		{"a +", 3, "expected an expression, found end of input"},
		{"a + * b", 4, `expected an expression, found "*"`},
		{"f(a, b", 6, `expected ")", found end of input`},
		{"'abc", 0, "unterminated string literal"},
		{"a b c", 4, `unexpected "c" after the expression`},
		{"CASE END", 5, "CASE needs at least one WHEN"},
		{"CAST(a)", 6, `expected AS, found ")"`},
		{"a IS 3", 5, `expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found "3"`},
		{"a # b", 2, `unexpected character '#'`},
		{"1.5L", 0, "1.5L is not an integer literal"},
		{"upper(a AS x)", 8, `expected ")", found "AS"`},
		{"struct(a AS)", 11, `expected a name after AS, found ")"`},
		{"(a AS x)", 7, `expected ",", found ")"`},
	} {
		_, err := ParseNamed(tc.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("ParseNamed(%q): error %v, want *Error", tc.in, err)
			continue
		}
		if e.Offset != tc.offset || e.Msg != tc.msg {
			t.Errorf("ParseNamed(%q): error at %d %q, want at %d %q", tc.in, e.Offset, e.Msg, tc.offset, tc.msg)
		}
	}
}

func TestParseColumn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"value.InvoiceNumber", "value.InvoiceNumber"},
		{"*", "*"},
		{"value.*", "value.*"},
		{"`a.b`.c", "`a.b`.c"},
	} {
		e, err := ParseColumn(tc.in)
		if err != nil {
			t.Errorf("ParseColumn(%q): %v", tc.in, err)
			continue
		}
		if got := Format(e); got != tc.want {
			t.Errorf("ParseColumn(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if _, err := ParseColumn("a + b"); err == nil {
		t.Error("ParseColumn accepted an expression")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a + b", "CASE WHEN a THEN b END", "f(x -> x)", "CAST(a AS INT)", "'x'", "`a`.b[0]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseNamed(s)
		if err != nil {
			return
		}
		if e.Pos() < 0 || e.End() > len(s) || e.Pos() > e.End() {
			t.Fatalf("span %d..%d out of %d", e.Pos(), e.End(), len(s))
		}
		_ = Format(e)
	})
}
