package spec

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// schemaWhere names the JSON Schema's definitions as OPTIONS.md's "where".
var schemaWhere = map[string]string{
	"Spec": "top level", "GoOptions": "go", "Registry": "schemaRegistry", "Topic": "topics.*",
	"SchemaRef": "schemas.*", "App": "apps.*", "Query": "apps.*.queries.*",
	"ReadStream": "readStream", "Decode": "readStream key/value", "Step": "transform step",
	"WriteStream": "writeStream", "Encode": "writeStream key/value", "Trigger": "trigger",
}

// accepted lists what the spec knows, as OPTIONS.md's rows: "where|key" to
// "implemented" or "refused".
func accepted(t *testing.T) map[string]string {
	t.Helper()
	rows := map[string]string{}
	add := func(where, key string, refused bool) {
		st := "implemented"
		if refused {
			st = "refused"
		}
		rows[where+"|"+key] = st
	}
	table := func(where string, tab optionTable) {
		for name, o := range tab {
			add(where, name, o.refused != "" && len(o.keep) == 0)
		}
	}
	table("readStream options", sourceOptions)
	for name := range sourceRefused {
		add("readStream options", name, true)
	}
	table("from_json options", decodeOptions["json"])
	table("from_csv options", decodeOptions["csv"])
	for f, tab := range sinkOptions {
		table(f+" sink options", tab)
	}
	for _, part := range []struct {
		where string
		p     kafkaPart
	}{{"readStream options kafka.*", kafkaSourcePart}, {"kafka sink options kafka.*", kafkaSinkPart}} {
		for _, m := range part.p.reads {
			for name := range m {
				add(part.where, name, false)
			}
		}
		for _, r := range part.p.refused {
			for name := range r {
				add(part.where, name, true)
			}
		}
		for name := range kafkaNotYet {
			add(part.where, name, true)
		}
	}
	for name := range statefulSteps {
		add("transform step", name, true)
	}
	var doc struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	b, err := os.ReadFile("pipelines.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for def, d := range doc.Defs {
		where, ok := schemaWhere[def]
		if !ok && len(d.Properties) > 0 {
			t.Errorf("JSON Schema definition %s has no where in OPTIONS.md's test", def)
		}
		for key := range d.Properties {
			add(where, key, refusedKeys[def+"."+key])
		}
	}
	return rows
}

var docRowRE = regexp.MustCompile("^\\| `([^`]+)` \\| ([^|]+?) \\| (implemented|refused)\\b")

// OPTIONS.md lists every key, option and Kafka setting the spec knows,
// each as implemented or refused as the code has it, and nothing else.
func TestOptionsDoc(t *testing.T) {
	want := accepted(t)
	b, err := os.ReadFile("OPTIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	wheres := map[string]bool{}
	for k := range want {
		wheres[strings.SplitN(k, "|", 2)[0]] = true
	}
	got := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		m := docRowRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("OPTIONS.md:%d: want | `key` | where | implemented ... or refused ... |", i+1)
			continue
		}
		if !wheres[m[2]] {
			continue // a row about something else, such as SQL functions
		}
		k := m[2] + "|" + m[1]
		if _, dup := got[k]; dup {
			t.Errorf("OPTIONS.md:%d: %s listed twice", i+1, k)
		}
		got[k] = m[3]
	}
	var diffs []string
	for k, st := range want {
		switch g, ok := got[k]; {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("missing: %s (%s)", k, st))
		case g != st:
			diffs = append(diffs, fmt.Sprintf("%s: OPTIONS.md says %s, the code %s", k, g, st))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "not in the code: "+k)
		}
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		t.Error(d)
	}
}
