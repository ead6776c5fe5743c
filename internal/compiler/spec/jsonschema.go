package spec

import (
	"bytes"
	_ "embed" // model.go's doc comments are the schema's descriptions
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
)

//go:embed model.go
var modelSource []byte

// schemaID is where the committed schema file lives in the repository.
const schemaID = "https://github.com/streamc/streamc/internal/compiler/spec/pipelines.schema.json"

// JSONSchema returns a JSON Schema (draft 2020-12) of pipelines.yaml, made
// from the model types by reflection: yaml tags give the properties,
// required tags the required ones, model.go's doc comments the
// descriptions, and schemaExtras what Validate also enforces (enumerations,
// name patterns, one key per step). The output is deterministic: properties
// in field order, definitions in first-use order.
func JSONSchema() ([]byte, error) {
	docs, err := modelDocs()
	if err != nil {
		return nil, err
	}
	g := &schemaGen{docs: docs}
	ref := g.schema(reflect.TypeFor[Spec]())
	root := obj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", schemaID},
		{"title", "streamc pipelines.yaml"},
	}
	root = append(root, ref...)
	root = append(root, kv{"$defs", g.defs})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// schemaExtras adds constraints Validate also enforces, keyed "Type" for a
// definition and "Type.yamlKey" for a property.
var schemaExtras = map[string]obj{
	"Spec.version":               enum([]string{"1"}),
	"Spec.semantics":             enum(semanticsValues),
	"Spec.topics":                {{"propertyNames", obj{{"pattern", topicRE.String()}}}},
	"Spec.apps":                  {{"propertyNames", obj{{"pattern", nameRE.String()}}}, {"minProperties", 1}},
	"App.queries":                {{"propertyNames", obj{{"pattern", nameRE.String()}}}, {"minProperties", 1}},
	"Topic.partitions":           {{"minimum", 1}},
	"Registry.url":               {{"pattern", "^https?://"}},
	"ReadStream.format":          enum(sourceFormats),
	"ReadStream.deadLetterTopic": {{"pattern", topicRE.String()}},
	"Decode.format":              enum(decodeFormats),
	"Step":                       {{"minProperties", 1}, {"maxProperties", 1}},
	"WriteStream.format":         enum(sinkFormats),
	"Encode.format":              enum(encodeFormats),
	"Encode.subjectNameStrategy": enum(subjectNameStrategies),
	"Trigger":                    {{"minProperties", 1}, {"maxProperties", 1}},
	"Trigger.availableNow":       {{"const", true}},
}

// optionSchemas are the schemas of the options mappings, made from the
// option tables Validate checks with (which come from the runtime's
// definitions, whose doc lines are the descriptions): an option added to a
// definition is in the schema at once. kafka.* settings are checked by
// name in Validate only.
func optionSchemas() map[string]obj {
	docs := map[string]string{}
	for _, d := range kafka.SourceOptions {
		docs[d.Name] = d.Doc
	}
	for _, d := range csvx.CodecOptions {
		docs[d.Name] = d.Doc
	}
	for _, d := range consolesink.OptionDefs {
		docs[d.Name] = d.Doc
	}
	var sinks []optionTable
	for _, f := range sortedKeys(sinkOptions) {
		sinks = append(sinks, sinkOptions[f])
	}
	return map[string]obj{
		"ReadStream.options":  optionsSchema(docs, true, sourceOptions),
		"WriteStream.options": optionsSchema(docs, true, sinks...),
		"Decode.options":      optionsSchema(docs, false, decodeOptions["json"], decodeOptions["csv"]),
	}
}

// optionsSchema is an options mapping taking the names of tables (the
// refused ones too, which Validate reports with their reason) and, with
// kafka, kafka.* settings.
func optionsSchema(docs map[string]string, kafka bool, tables ...optionTable) obj {
	names := map[string]bool{}
	for _, t := range tables {
		for n := range t {
			names[n] = true
		}
	}
	scalar := obj{{"$ref", "#/$defs/scalar"}}
	var props obj
	for _, n := range sortedKeys(names) {
		p := scalar
		if d := docs[n]; d != "" {
			p = obj{{"description", d}, scalar[0]}
		}
		props = append(props, kv{n, p})
	}
	o := obj{{"type", "object"}, {"properties", props}}
	if kafka {
		o = append(o, kv{"patternProperties", obj{{`^kafka\.`, scalar}}})
	}
	return append(o, kv{"additionalProperties", false})
}

// enum lists allowed values; a numeric one is also allowed as a number,
// since the decoder reads `version: 1` as the text "1".
func enum(values []string) obj {
	var all []any
	for _, v := range values {
		all = append(all, v)
		if i, err := strconv.Atoi(v); err == nil {
			all = append(all, i)
		}
	}
	return obj{{"enum", all}}
}

type schemaGen struct {
	docs map[string]string
	defs obj
}

// schema returns the schema of a value of type t.
func (g *schemaGen) schema(t reflect.Type) obj {
	switch {
	case t == strType:
		return g.ref("scalar", func() obj {
			return obj{
				{"description", "A scalar; numbers and booleans are read as their text."},
				{"type", []string{"string", "number", "boolean"}},
			}
		})
	case t == intType:
		return obj{{"type", "integer"}}
	case t == boolType:
		return obj{{"type", "boolean"}}
	case t == schemaRefType:
		return obj{{"anyOf", []obj{
			{{"type", "string"}, {"description", "A schema file (.avsc, .spark.json or .ddl), relative to the spec."}},
			g.structRef(t),
		}}}
	case isMap(t):
		return obj{{"type", "object"}, {"additionalProperties", g.schema(t.Elem().Field(2).Type)}}
	case t.Kind() == reflect.Pointer:
		return g.schema(t.Elem())
	case t.Kind() == reflect.Slice:
		return obj{{"type", "array"}, {"items", g.schema(t.Elem())}}
	case t.Kind() == reflect.Struct:
		return g.structRef(t)
	}
	panic(fmt.Sprintf("spec: no JSON Schema for %v", t)) // a model change without a schema change
}

// ref returns a reference to the definition name, making it on first use.
func (g *schemaGen) ref(name string, def func() obj) obj {
	if _, ok := g.defs.get(name); !ok {
		g.defs = append(g.defs, kv{name, nil}) // reserve the slot: keeps first-use order
		i := len(g.defs) - 1
		g.defs[i].v = def()
	}
	return obj{{"$ref", "#/$defs/" + name}}
}

func (g *schemaGen) structRef(t reflect.Type) obj {
	return g.ref(t.Name(), func() obj {
		var props obj
		var required []string
		for _, f := range fieldsOf(t) {
			sf := t.Field(f.index)
			p := append(obj(nil), g.schema(sf.Type)...)
			if o, ok := optionSchemas()[t.Name()+"."+f.name]; ok {
				p = o
			}
			p = append(p, schemaExtras[t.Name()+"."+f.name]...)
			if d := g.docs[t.Name()+"."+sf.Name]; d != "" {
				p = append(obj{{"description", d}}, p...)
			}
			props = append(props, kv{f.name, p})
			if f.required {
				required = append(required, f.name)
			}
		}
		def := obj{}
		if d := g.docs[t.Name()]; d != "" {
			def = append(def, kv{"description", d})
		}
		def = append(def, kv{"type", "object"}, kv{"properties", props})
		if len(required) > 0 {
			def = append(def, kv{"required", required})
		}
		if t == reflect.TypeFor[Spec]() {
			// Top-level x- keys hold anchors for aliases; the decoder skips them.
			def = append(def, kv{"patternProperties", obj{{"^x-", true}}})
		}
		def = append(def, schemaExtras[t.Name()]...)
		return append(def, kv{"additionalProperties", false})
	})
}

// modelDocs reads the doc comments of model.go: "Type" and "Type.Field".
func modelDocs() (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "model.go", modelSource, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("reading model docs: %w", err)
	}
	docs := map[string]string{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			doc := ts.Doc
			if doc == nil && len(gd.Specs) == 1 {
				doc = gd.Doc
			}
			docs[ts.Name.Name] = oneLine(doc)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				for _, n := range fld.Names {
					docs[ts.Name.Name+"."+n.Name] = oneLine(fld.Doc)
				}
			}
		}
	}
	return docs, nil
}

// oneLine joins a comment's lines, keeping blank-line paragraph breaks.
func oneLine(c *ast.CommentGroup) string {
	paras := strings.Split(strings.TrimSpace(c.Text()), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// obj is a JSON object that keeps its keys in order.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) get(k string) (any, bool) {
	for _, e := range o {
		if e.k == k {
			return e.v, true
		}
	}
	return nil, false
}

// MarshalJSON writes the keys in order; like the top-level encoder it does
// not escape <, > and &, which descriptions use.
func (o obj) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		// Encode ends each value with a newline, which the caller's
		// encoder compacts away.
		if err := enc.Encode(e.k); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := enc.Encode(e.v); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
