package registry_test

import (
	"testing"

	"github.com/streamc/streamc/internal/devtools/registry"
)

// RegisterWithID holds a schema under the id it is given, also a second id
// for the same schema under another subject; Register then skips the ids
// taken, and Lookup finds each subject's own id.
func TestDevRegistryRegisterWithID(t *testing.T) {
	reg, err := registry.New(registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	must := func(ver int, err error) int {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return ver
	}
	if v := must(reg.RegisterWithID("a-value", 1, registry.Schema{Schema: gps})); v != 1 {
		t.Errorf("version %d, want 1", v)
	}
	must(reg.RegisterWithID("b-value", 4, registry.Schema{Schema: gps}))
	// Again with the same schema, spaced otherwise: the same version.
	if v := must(reg.RegisterWithID("b-value", 4, registry.Schema{Schema: gpsReordered})); v != 1 {
		t.Errorf("re-registering: version %d, want 1", v)
	}
	for _, id := range []int{1, 4} {
		s, ok := reg.SchemaByID(id)
		if !ok || s.Schema != gpsCompact {
			t.Errorf("schema id %d: %q, %v", id, s.Schema, ok)
		}
	}
	if _, err := reg.RegisterWithID("c-value", 4, registry.Schema{Schema: gpsV2}); err == nil {
		t.Error("id 4 taken by another schema: no error")
	}
	if _, err := reg.RegisterWithID("c-value", 0, registry.Schema{Schema: gpsV2}); err == nil {
		t.Error("id 0: no error")
	}
	// Register numbers around the imported ids and keeps a schema's first.
	id, _, err := reg.Register("c-value", registry.Schema{Schema: gps})
	if err != nil || id != 1 {
		t.Errorf("Register of an imported schema: id %d, %v; want 1", id, err)
	}
	seen := map[int]bool{1: true, 4: true}
	for _, size := range []string{"1", "2", "3"} {
		s := `{"type":"fixed","name":"F","size":` + size + `}`
		id, _, err := reg.Register("d-value", registry.Schema{Schema: s})
		if err != nil || seen[id] {
			t.Errorf("Register: id %d, %v; want a new id", id, err)
		}
		seen[id] = true
	}
	sv, err := reg.Lookup("b-value", registry.Schema{Schema: gps})
	if err != nil || sv.ID != 4 {
		t.Errorf("Lookup under b-value: id %d, %v; want 4", sv.ID, err)
	}
}
