package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/wire"
)

// A registry URL with a wrong path answers 404 for every schema id: that is
// the registry's trouble, not the records'. The query stops with exit
// status 1 and an error naming the URL (without its password) and the
// status; nothing is written, no batch is committed, and a run with the
// right URL reads every record.
func TestGpsRegistryWrongPath(t *testing.T) {
	t.Parallel()
	fileBin := build(t, "generated/cmd/gps-file")
	e := newGpsEnv(t)
	id, _, err := e.reg.Register(gpsSubject, devregistry.Schema{Schema: readSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 30 {
		device := "van-" + strconv.Itoa(i)
		e.produceRaw(int32(i%partitions), append(wire.AppendHeader(nil, uint32(id)), gpsBody(int64(i), device)...))
		want = append(want, fmt.Sprintf(`{"timestamp":%d,"deviceId":"%s","latitude":1.0,"longitude":2.0,"altitude":3.0,"speed":4.0}`, i, device))
	}
	sort.Strings(want)
	base := e.srv.URL() + "/registry/v1"
	wrong := strings.Replace(base, "http://", "http://alice:s3cret@", 1)

	dir := t.TempDir()
	// The last --registry-url wins over the one args gives.
	stderr, _ := runFailing(t, fileBin, dir, e.args("--trigger", "available-now", "--registry-url", wrong)...)
	msg := lastLine(stderr)
	for _, w := range []string{`gps-file: query "file" failed: `, "registry " + base + " unavailable", "GET /schemas/ids/1", "HTTP 404"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the error does not say %q:\n%s", w, msg)
		}
	}
	if strings.Contains(msg, "malformed") || strings.Contains(msg, "not found in registry") {
		t.Errorf("a wrong URL is reported as a bad record:\n%s", msg)
	}
	if strings.Contains(stderr, "s3cret") {
		t.Errorf("the password is in the output:\n%s", tail(stderr, 4000))
	}
	if got := gpsLines(t, dir); len(got) != 0 {
		t.Errorf("%d rows committed with a wrong registry URL", len(got))
	}
	commits, err := os.ReadDir(filepath.Join(dir, "chk-point-dir", "gps-file", "commits"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if len(commits) != 0 {
		t.Errorf("batches committed with a wrong registry URL: %d", len(commits))
	}
	t.Logf("wrong path: %s", msg)

	runProgram(t, fileBin, dir, e.args("--trigger", "available-now")...)
	checkLines(t, "rows with the right URL", gpsLines(t, dir), want)
}

// A schema id the registry does not have (its 404 with error code 40403) is
// a bad record, and is logged as a warning naming the id and the record
// before the FAILFAST query stops on it.
func TestGpsUnknownSchemaIDLogged(t *testing.T) {
	t.Parallel()
	fileBin := build(t, "generated/cmd/gps-file")
	e := newGpsEnv(t)
	e.produceRaw(2, append(wire.AppendHeader(nil, 4242), gpsBody(1, "x")...))
	stderr, _ := runFailing(t, fileBin, t.TempDir(), e.args("--trigger", "available-now")...)
	if msg := lastLine(stderr); !strings.Contains(msg, "schema id 4242 not found in registry "+e.srv.URL()) || !strings.Contains(msg, "mode FAILFAST") {
		t.Errorf("the error does not name the unknown id as a bad record:\n%s", msg)
	}
	var warn string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, `"level":"WARN"`) && strings.Contains(l, `"schemaId":4242`) {
			warn = l
		}
	}
	for _, w := range []string{`"topic":"gps"`, `"partition":2`, `"offset":0`, `"column":"value"`} {
		if !strings.Contains(warn, w) {
			t.Errorf("the warning does not say %s:\n%s", w, tail(stderr, 4000))
		}
	}
}
