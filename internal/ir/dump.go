package ir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Dump writes r as deterministic indented text: `streamc check --dump-ir`
// prints it and goldens compare it. A struct type is written in full where
// it first appears, as #N struct<...>, and as #N after that, so shared and
// recursive types show as such; Avro details follow a type in {avro ...}.
func Dump(w io.Writer, r *Result) error {
	d := &dumper{ids: map[*Type]int{}}
	names := make([]string, 0, len(r.Schemas))
	for n := range r.Schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d.line(0, "schema %s %s", n, d.typ(r.Schemas[n]))
	}
	for _, a := range r.Apps {
		d.line(0, "app %s", a.Name)
		for _, q := range a.Queries {
			d.query(q)
		}
	}
	_, err := io.WriteString(w, d.b.String())
	return err
}

type dumper struct {
	b   strings.Builder
	ids map[*Type]int
}

func (d *dumper) line(indent int, format string, args ...any) {
	d.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) query(q *Query) {
	d.line(1, "query %s at %s", q.Name, q.Pos)
	d.line(2, "ansi %t timeZone %s checkpoint %q trigger %q %s", q.ANSI, q.TimeZone, q.Checkpoint, q.Trigger.Kind, q.Trigger.Interval)
	if s := q.Source; s != nil {
		d.line(2, "source deadLetter %q", s.DeadLetterTopic)
		d.options(3, s.Options)
		cfg := s.Config
		pattern := ""
		if cfg.SubscribePattern != nil {
			pattern = cfg.SubscribePattern.String()
		}
		// The pattern and the client are written apart: neither has a
		// JSON form, and the client is made only where the program runs.
		cfg.SubscribePattern, cfg.Client = nil, nil
		d.line(3, "config %s pattern %q client %t", jsonText(cfg), pattern, s.Config.Client != nil)
		d.decode(3, "key", s.Key)
		d.decode(3, "value", s.Value)
		d.columns(3, s.Columns)
	}
	for i, st := range q.Steps {
		switch st := st.(type) {
		case *Project:
			d.line(2, "step %d project", i)
			if g := st.Generator; g != nil {
				d.line(3, "generator %s %s", g.Kind, d.expr(g.X))
			}
			d.columns(3, st.Columns)
		case *Filter:
			d.line(2, "step %d filter %s", i, d.expr(st.Cond))
		default:
			d.line(2, "step %d %T", i, st)
		}
	}
	d.line(2, "output")
	d.columns(3, q.Output)
	if s := q.Sink; s != nil {
		d.line(2, "sink %s path %q key %d value %d topic %d partition %d headers %d", s.Format, s.Path, s.Key, s.Value, s.Topic, s.Partition, s.Headers)
		d.options(3, s.Options)
		if s.CSV != nil {
			d.line(3, "csv %s", jsonText(*s.CSV))
		}
		if s.File != nil {
			d.line(3, "file %s header %t", s.File.Format, s.File.Header)
		}
		if s.Row != nil {
			d.line(3, "row %s", d.typ(s.Row))
		}
		d.encode(3, "key", s.KeyEncode)
		d.encode(3, "value", s.ValueEncode)
	}
	if len(q.Registry) > 0 {
		d.line(2, "registry")
		d.options(3, q.Registry)
	}
}

func (d *dumper) options(indent int, opts []Option) {
	for _, o := range opts {
		d.line(indent, "option %s = %q", o.Key, o.Value)
	}
}

func (d *dumper) decode(indent int, which string, x *Decode) {
	if x == nil {
		return
	}
	t := "-"
	if x.Type != nil {
		t = d.typ(x.Type)
	}
	d.line(indent, "%s decode %s schema %q mode %s type %s", which, x.Format, x.Schema, x.Mode, t)
	d.options(indent+1, x.Options)
	if x.CSV != nil {
		d.line(indent+1, "csv %s", jsonText(*x.CSV))
	}
}

func (d *dumper) encode(indent int, which string, e *Encode) {
	if e == nil {
		return
	}
	t := "-"
	if e.Type != nil {
		t = d.typ(e.Type)
	}
	d.line(indent, "%s encode %s schema %q subject %q strategy %q topic %q isKey %t register %t at %s type %s",
		which, e.Format, e.Schema, e.Subject, e.Strategy, e.Topic, e.IsKey, e.Register, e.Pos, t)
}

func (d *dumper) columns(indent int, cols []*Column) {
	for i, c := range cols {
		e := ""
		if c.Expr != nil {
			e = " = " + d.expr(c.Expr)
		}
		d.line(indent, "column %d %s %s%s", i, c.Name, d.typ(c.Type)+nullMark(c.Nullable), e)
	}
}

func nullMark(nullable bool) string {
	if nullable {
		return "?"
	}
	return ""
}

// expr writes e as a prefix form, each node followed by :type (? when
// nullable).
func (d *dumper) expr(e Expr) string {
	if e == nil {
		return "nil"
	}
	t := TypeOf(e)
	head := ""
	switch e := e.(type) {
	case *Ref:
		head = fmt.Sprintf("ref %d %s", e.Index, e.Name)
	case *GenOutput:
		head = "gen " + e.Role
	case *Lit:
		head = "lit " + litText(e.Value)
	case *GetField:
		head = "field " + strconv.Itoa(e.Index)
	case *GetItem:
		head = "item"
	case *Inlined:
		head = "inlined " + e.Name + " " + e.Src.Pos.String()
	case *Cast:
		head = "cast"
		if e.Try {
			head = "try_cast"
		}
	case *Arith:
		head = "arith " + e.Op
	case *Neg:
		head = "neg"
	case *Compare:
		head = "compare " + e.Op
	case *Logic:
		head = "logic " + e.Op
	case *Not:
		head = "not"
	case *IsNull:
		head = "isnull"
		if e.Not {
			head = "isnotnull"
		}
	case *In:
		head = "in"
		if e.Not {
			head = "notin"
		}
	case *Case:
		head = fmt.Sprintf("case whens=%d else=%t", len(e.Whens), e.Else != nil)
	case *MakeStruct:
		head = "struct"
	case *Call:
		head = "call " + e.Name
	default:
		head = fmt.Sprintf("%T", e)
	}
	var b strings.Builder
	b.WriteString("(")
	b.WriteString(head)
	for _, c := range Children(e) {
		b.WriteString(" ")
		b.WriteString(d.expr(c))
	}
	b.WriteString(")")
	b.WriteString(":")
	b.WriteString(d.typ(t.Type) + nullMark(t.Nullable))
	return b.String()
}

// litText is a constant's value by its Go type (see Lit).
func litText(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return strconv.Quote(v)
	case []byte:
		return "x'" + hex.EncodeToString(v) + "'"
	}
	return fmt.Sprintf("%T", v)
}

// typ writes t; a struct seen before is its #N.
func (d *dumper) typ(t *Type) string {
	if t == nil {
		return "nil"
	}
	var b strings.Builder
	d.writeType(&b, t)
	return b.String()
}

func (d *dumper) writeType(b *strings.Builder, t *Type) {
	switch t.Kind {
	case Array:
		b.WriteString("array<")
		d.writeType(b, t.Elem)
		b.WriteString(nullMark(t.ContainsNull) + ">")
	case Map:
		b.WriteString("map<")
		d.writeType(b, t.Key)
		b.WriteString(",")
		d.writeType(b, t.Value)
		b.WriteString(nullMark(t.ValueContainsNull) + ">")
	case Struct:
		if id, ok := d.ids[t]; ok {
			fmt.Fprintf(b, "#%d", id)
			return
		}
		id := len(d.ids) + 1
		d.ids[t] = id
		fmt.Fprintf(b, "#%d struct", id)
		if t.Name != "" {
			b.WriteString(" " + t.Name)
		}
		b.WriteString("<")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name + ": ")
			d.writeType(b, f.Type)
			b.WriteString(nullMark(f.Nullable))
			if f.Comment != "" {
				b.WriteString(" comment " + strconv.Quote(f.Comment))
			}
		}
		b.WriteString(">")
	case Decimal:
		fmt.Fprintf(b, "decimal(%d,%d)", t.Precision, t.Scale)
	default:
		b.WriteString(t.Kind.String())
	}
	if a := t.Avro; a != nil {
		d.writeAvro(b, a)
	}
}

func (d *dumper) writeAvro(b *strings.Builder, a *AvroInfo) {
	b.WriteString("{avro " + a.Type)
	word := func(k, v string) {
		if v != "" {
			b.WriteString(" " + k + "=" + strconv.Quote(v))
		}
	}
	list := func(k string, v []string) {
		if len(v) > 0 {
			b.WriteString(" " + k + "=" + strconv.Quote(strings.Join(v, ",")))
		}
	}
	word("logical", a.Logical)
	word("name", a.FullName)
	list("aliases", a.Aliases)
	list("symbols", a.Symbols)
	word("enumDefault", a.EnumDefault)
	if a.FixedSize != 0 {
		fmt.Fprintf(b, " size=%d", a.FixedSize)
	}
	if a.Precision != 0 || a.Scale != 0 {
		fmt.Fprintf(b, " decimal=%d,%d", a.Precision, a.Scale)
	}
	word("doc", a.Doc)
	if len(a.Union) > 0 {
		b.WriteString(" union=(")
		for i, u := range a.Union {
			if i > 0 {
				b.WriteString("|")
			}
			d.writeType(b, u)
		}
		b.WriteString(")")
	}
	if a.NullFirst {
		b.WriteString(" nullFirst")
	}
	if a.HasDefault {
		b.WriteString(" default=" + strconv.Quote(a.Default))
	}
	list("fieldAliases", a.FieldAliases)
	if a.Schema != "" {
		// The schema text is long; its digest shows whether it changed.
		sum := sha256.Sum256([]byte(a.Schema))
		b.WriteString(" schema=sha256:" + hex.EncodeToString(sum[:6]))
	}
	b.WriteString("}")
}

// jsonText is v as compact JSON (options structs of the runtime, whose
// maps encoding/json writes in sorted key order).
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return strconv.Quote("unprintable: " + err.Error())
	}
	return string(b)
}
