package spec

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// The OPTIONS.md row of each implemented Kafka source option and CSV codec
// option is written from its one definition: it says that the checker
// resolves it into the typed value of the generated code, with the
// definition's doc line.
func TestOptionsDocLines(t *testing.T) {
	b, err := os.ReadFile("OPTIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := docRowRE.FindStringSubmatch(line); m != nil {
			rows[m[2]+"|"+m[1]] = line
		}
	}
	check := func(where, name, want string) {
		t.Helper()
		if row, ok := rows[where+"|"+name]; !ok || !strings.Contains(row, want) {
			t.Errorf("OPTIONS.md row of %s %s lacks %q:\n%s", where, name, want, row)
		}
	}
	for _, def := range kafka.SourceOptions {
		if o, ok := sourceOptions[def.Name]; ok && o.refused == "" {
			check("readStream options", def.Name, "implemented (internal/runtime/kafka SourceOptions, resolved by internal/compiler/check into the generated kafka.SourceConfig: "+def.Doc)
		}
	}
	// The schemaRegistry keys are the model's fields and the runtime's
	// definitions (internal/runtime/confluent RegistryOptionDefs) alike.
	var names []string
	for _, f := range fieldsOf(reflect.TypeFor[Registry]()) {
		names = append(names, f.name)
	}
	var defs []string
	for _, def := range confluent.RegistryOptionDefs {
		defs = append(defs, def.Name)
		check("schemaRegistry", def.Name, def.Key)
	}
	if !slices.Equal(names, defs) {
		t.Errorf("schemaRegistry keys %v, confluent.RegistryOptionDefs %v", names, defs)
	}
	for _, where := range []string{"readStream options kafka.*", "kafka sink options kafka.*"} {
		for _, def := range kafka.ClientSettings {
			check(where, def.Name, "implemented (by internal/runtime/kafka: "+def.Doc)
		}
	}
	for _, def := range kafka.ConsumerSettings {
		check("readStream options kafka.*", def.Name, "implemented (by internal/runtime/kafka: "+def.Doc)
	}
	for _, def := range kafkasink.Settings {
		check("kafka sink options kafka.*", def.Name, "implemented (internal/runtime/sink/kafkasink Settings, resolved by internal/compiler/check into the generated kafkasink.Config: "+def.Doc)
	}
	for _, def := range consolesink.OptionDefs {
		check("console sink options", def.Name, "implemented (internal/runtime/sink/consolesink OptionDefs, resolved by internal/compiler/check into the generated consolesink.Options: "+def.Doc)
	}
	for _, def := range csvx.CodecOptions {
		for where, tab := range map[string]optionTable{"from_csv options": decodeOptions["csv"], "csv sink options": csvSinkOptions} {
			if o, ok := tab[def.Name]; ok && o.refused == "" {
				check(where, def.Name, "implemented (internal/runtime/csvx CodecOptions, resolved by internal/compiler/check into the generated csvx.Options: "+def.Doc)
			}
		}
	}
}
