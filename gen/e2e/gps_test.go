package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/runtime/wire"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

const (
	gpsTopic   = "gps"
	gpsSubject = "gps-value"
	// gpsOutput is the file sink's path in pipelines.yaml.
	gpsOutput = "gps-output"
)

// gpsV2 is schemas/gps.avsc with a field added (with a default) and speed
// moved before altitude: a writer schema the programs must resolve against
// the reader schema compiled into them.
const gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
  {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
  {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
  {"name":"speed","type":"double"},{"name":"altitude","type":"double"},
  {"name":"heading","type":"double","default":0}]}`

// gpsV3 makes speed a string, which no reader of gps.avsc can take.
const gpsV3 = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
  {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
  {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
  {"name":"altitude","type":"double"},{"name":"speed","type":"string"}]}`

// gpsCase is one reading as produced (a JSON line for `streamc dev
// produce`) and the line Spark's JSON sink writes for it: the selected
// columns in order, doubles as Java's Double.toString, strings escaped as
// Jackson does.
type gpsCase struct{ in, out string }

// targetedV1 exercise the doubles' and strings' text forms one at a time.
var targetedV1 = []gpsCase{
	{`{"timestamp":1715239773186,"deviceId":"truck-042","latitude":52.520008,"longitude":13.404954,"altitude":34.0,"speed":13.89}`,
		`{"timestamp":1715239773186,"deviceId":"truck-042","latitude":52.520008,"longitude":13.404954,"altitude":34.0,"speed":13.89}`},
	{`{"timestamp":0,"deviceId":"","latitude":0,"longitude":-0.0,"altitude":1e7,"speed":1e-4}`,
		`{"timestamp":0,"deviceId":"","latitude":0.0,"longitude":-0.0,"altitude":1.0E7,"speed":1.0E-4}`},
	{`{"timestamp":-1,"deviceId":"probe-é測-🛰 \"q\" \\ \t/","latitude":-90,"longitude":180,"altitude":-430.5,"speed":299792458}`,
		`{"timestamp":-1,"deviceId":"probe-é測-🛰 \"q\" \\ \t/","latitude":-90.0,"longitude":180.0,"altitude":-430.5,"speed":2.99792458E8}`},
	{`{"timestamp":4102444800000,"deviceId":"edge","latitude":1.7976931348623157e308,"longitude":4.9e-324,"altitude":0.001,"speed":9999999.0}`,
		`{"timestamp":4102444800000,"deviceId":"edge","latitude":1.7976931348623157E308,"longitude":4.9E-324,"altitude":0.001,"speed":9999999.0}`},
	{`{"timestamp":9007199254740993,"deviceId":"sum","latitude":0.30000000000000004,"longitude":-1.0E-3,"altitude":9.999E-4,"speed":12345678.9}`,
		`{"timestamp":9007199254740993,"deviceId":"sum","latitude":0.30000000000000004,"longitude":-0.001,"altitude":9.999E-4,"speed":1.23456789E7}`},
}

// targetedV2 are written with gpsV2: heading is not in the reader schema,
// so it is not in the rows.
var targetedV2 = []gpsCase{
	{`{"timestamp":1715239800000,"deviceId":"v2-truck","latitude":48.1,"longitude":11.5,"speed":27.5,"altitude":519.0,"heading":271.5}`,
		`{"timestamp":1715239800000,"deviceId":"v2-truck","latitude":48.1,"longitude":11.5,"altitude":519.0,"speed":27.5}`},
	{`{"heading":0,"altitude":1e7,"speed":-0.0,"longitude":0.5,"latitude":-0.25,"deviceId":"v2-\u00e9","timestamp":2}`,
		`{"timestamp":2,"deviceId":"v2-é","latitude":-0.25,"longitude":0.5,"altitude":1.0E7,"speed":-0.0}`},
}

// gpsReadings returns n readings of devices named prefix-i, with doubles
// whose Java text is plain decimal (in [1e-3, 1e7)), so the expected line
// needs no oracle beyond the shortest digits and Java's trailing ".0".
func gpsReadings(prefix string, n int, heading bool) []gpsCase {
	out := make([]gpsCase, n)
	for i := range n {
		ts := int64(1715239773000 + 1000*i)
		dev := fmt.Sprintf("%s-%03d", prefix, i%37)
		lat, lon := 40+float64(i)*0.001, -3.5-float64(i%100)*0.25
		alt, speed := float64(i%50)*10, float64(i%30)/3
		if speed < 1e-3 {
			speed = 0.5
		}
		in := fmt.Sprintf(`{"timestamp":%d,"deviceId":%q,"latitude":%s,"longitude":%s,"altitude":%s,"speed":%s`, ts, dev, num(lat), num(lon), num(alt), num(speed))
		if heading {
			in += fmt.Sprintf(`,"heading":%d`, i%360)
		}
		out[i] = gpsCase{
			in: in + "}",
			out: fmt.Sprintf(`{"timestamp":%d,"deviceId":%q,"latitude":%s,"longitude":%s,"altitude":%s,"speed":%s}`,
				ts, dev, javaPlain(lat), javaPlain(lon), javaPlain(alt), javaPlain(speed)),
		}
	}
	return out
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// javaPlain is Java's Double.toString of x for 1e-3 <= |x| < 1e7 (or 0):
// the shortest digits that round-trip, with at least one after the point.
func javaPlain(x float64) string {
	if a := math.Abs(x); a != 0 && (a < 1e-3 || a >= 1e7) {
		panic(fmt.Sprintf("javaPlain(%v): out of the plain range", x))
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func ins(cs []gpsCase) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.in)
	}
	return out
}

func outs(cs ...[]gpsCase) []string {
	var out []string
	for _, l := range cs {
		for _, c := range l {
			out = append(out, c.out)
		}
	}
	sort.Strings(out)
	return out
}

// gpsEnv is a broker with topic gps and the in-process Schema Registry,
// served over HTTP as `streamc dev` serves it.
type gpsEnv struct {
	k   *kafkatest.Cluster
	srv *devregistry.Server
	reg *devregistry.Registry
}

func newGpsEnv(t *testing.T) *gpsEnv {
	t.Helper()
	k := kafkatest.New(t)
	k.CreateTopic(gpsTopic, partitions)
	reg, err := devregistry.New(devregistry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := devregistry.Serve("127.0.0.1:0", reg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &gpsEnv{k: k, srv: srv, reg: reg}
}

// args is a program's command line against the environment.
func (e *gpsEnv) args(extra ...string) []string {
	return append([]string{"--bootstrap-servers", e.k.Addr, "--registry-url", e.srv.URL(), "--log-level", "info"}, extra...)
}

// produce writes JSON lines as Confluent Avro with `streamc dev produce`,
// registering schema (a file) under gps-value first, keyed by device unless
// flags say otherwise, and returns the schema id it reports.
func (e *gpsEnv) produce(t *testing.T, schema string, lines []string, flags ...string) int {
	t.Helper()
	in := filepath.Join(t.TempDir(), "readings.jsonl")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(flags) == 0 {
		flags = []string{"--key-field", "deviceId"}
	}
	args := append([]string{"dev", "produce", "--bootstrap-servers", e.k.Addr, "--topic", gpsTopic,
		"--format", "confluent-avro", "--schema", schema, "--registry-url", e.srv.URL()}, flags...)
	out, err := exec.Command(build(t, "gen/cmd/streamc"), append(args, in)...).CombinedOutput()
	if err != nil {
		t.Fatalf("streamc dev produce: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`^(\d+) records written to gps \(schema id (\d+)\)\n$`).FindStringSubmatch(string(out))
	if m == nil || m[1] != strconv.Itoa(len(lines)) {
		t.Fatalf("streamc dev produce said %q; want %d records and a schema id", out, len(lines))
	}
	id, _ := strconv.Atoi(m[2])
	return id
}

// produceRaw writes values to one partition as they are.
func (e *gpsEnv) produceRaw(partition int32, values ...[]byte) {
	var recs []*kafkatest.Record
	for _, v := range values {
		recs = append(recs, &kafkatest.Record{Topic: gpsTopic, Partition: partition, Value: v})
	}
	e.k.Produce(recs...)
}

func writeSchema(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "schema.avsc")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// gpsLines returns the rows of the file sink's committed output under
// dir/gps-output, sorted; none when it has no output yet.
func gpsLines(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filesink.ReadLines(filepath.Join(dir, gpsOutput), func(l []byte) error {
		out = append(out, string(l))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("committed output: %v", err)
	}
	sort.Strings(out)
	return out
}

func gpsFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filesink.List(filepath.Join(dir, gpsOutput))
	if err != nil {
		t.Fatalf("committed output: %v", err)
	}
	var out []string
	for _, f := range files {
		out = append(out, fmt.Sprintf("%s %d", f.Name, f.Size))
	}
	return out
}

// consoleRows counts the table rows the console sink printed and the
// batches whose banner it printed.
func consoleRows(stdout string) (rows, batches int) {
	for _, l := range strings.Split(stdout, "\n") {
		switch {
		case strings.HasPrefix(l, "Batch: "):
			batches++
		case strings.HasPrefix(l, "|") && !strings.Contains(l, "deviceId|"):
			// Every table line but the header (which names the columns).
			rows++
		}
	}
	return rows, batches
}

// The gps app's programs over Confluent Avro records: what the file query
// commits is the readings as Spark's JSON sink writes them, a second run
// adds nothing, the console query prints them, and records of a new writer
// schema registered while a program runs are read without a restart.
func TestGpsPrograms(t *testing.T) {
	t.Parallel()
	start := time.Now()
	fileBin, consoleBin, appBin := build(t, "generated/cmd/gps-file"), build(t, "generated/cmd/gps-console"), build(t, "generated/cmd/gps")
	e := newGpsEnv(t)
	v1 := append(slices.Clone(targetedV1), gpsReadings("truck", 400, false)...)
	if id := e.produce(t, filepath.Join(repoRoot, "schemas", "gps.avsc"), ins(v1)); id != 1 {
		t.Fatalf("gps.avsc registered as schema id %d, want 1", id)
	}
	wantV1 := outs(v1)

	fileDir := t.TempDir()
	availableNow := e.args("--trigger", "available-now")
	r := runProgram(t, fileBin, fileDir, availableNow...)
	checkLines(t, "gps-file rows", gpsLines(t, fileDir), wantV1)
	checkTotals(t, "gps-file", r.stderr, map[string][2]int64{"file": {int64(len(v1)), int64(len(v1))}})
	t.Logf("gps-file: %d records in %v (first batch after %v)", len(v1), r.wall.Round(time.Millisecond), r.firstBatch.Round(time.Millisecond))

	files := gpsFiles(t, fileDir)
	r = runProgram(t, fileBin, fileDir, availableNow...)
	checkTotals(t, "gps-file, second run", r.stderr, map[string][2]int64{})
	if got := gpsFiles(t, fileDir); !slices.Equal(got, files) {
		t.Errorf("second run changed the committed files:\n%s\nbefore:\n%s", strings.Join(got, "\n"), strings.Join(files, "\n"))
	}

	// The console prints Spark's show() table of the batch: 20 rows and
	// a note of the rest.
	stdout := runWithStdout(t, consoleBin, t.TempDir(), availableNow...)
	if rows, batches := consoleRows(stdout); rows != 20 || batches != 1 || !strings.Contains(stdout, "only showing top 20 rows") {
		t.Errorf("gps-console printed %d rows in %d batches; want 20 in 1:\n%s", rows, batches, tail(stdout, 3000))
	}

	// The app runs both queries in one process.
	appDir := t.TempDir()
	stdout = runWithStdout(t, appBin, appDir, availableNow...)
	checkLines(t, "gps app rows", gpsLines(t, appDir), wantV1)
	if rows, _ := consoleRows(stdout); rows != 20 {
		t.Errorf("gps app printed %d console rows, want 20", rows)
	}

	// Writer schema v2 registered and used while gps-file runs with its
	// processing-time trigger: the new id is fetched and resolved on the
	// fly.
	built := time.Since(start)
	p := startProgram(t, fileBin, fileDir, e.args()...)
	p.waitFor(t, `"msg":"query starting"`, 10*time.Second)
	v2 := append(slices.Clone(targetedV2), gpsReadings("v2-van", 100, true)...)
	if id := e.produce(t, writeSchema(t, gpsV2), ins(v2)); id != 2 {
		t.Errorf("v2 registered as schema id %d, want 2", id)
	}
	if vs, err := e.reg.Versions(gpsSubject); err != nil || len(vs) != 2 {
		t.Errorf("subject %s versions %v, %v; want 2", gpsSubject, vs, err)
	}
	wantAll := outs(v1, v2)
	produced := time.Now()
	deadline := produced.Add(20 * time.Second)
	for len(gpsLines(t, fileDir)) < len(wantAll) && time.Now().Before(deadline) && !p.exited() {
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("gps-file: %d v2 records committed %v after they were produced", len(v2), time.Since(produced).Round(time.Millisecond))
	stderr := p.stop(t)
	checkLines(t, "gps-file rows after v2", gpsLines(t, fileDir), wantAll)
	if n := strings.Count(stderr, `"msg":"query starting"`); n != 1 {
		t.Errorf("the program started its query %d times", n)
	}
	files = gpsFiles(t, fileDir)
	r = runProgram(t, fileBin, fileDir, availableNow...)
	checkTotals(t, "gps-file after the stop", r.stderr, map[string][2]int64{})
	if got := gpsFiles(t, fileDir); !slices.Equal(got, files) {
		t.Errorf("the run after the stop changed the committed files")
	}
	t.Logf("gps programs: %v in all, %v before the processing-time run", time.Since(start).Round(time.Millisecond), built.Round(time.Millisecond))
}

// checkTotals compares a run's progress lines, summed per query, with
// want; queries that read nothing may be left out of want.
func checkTotals(t *testing.T, what, stderr string, want map[string][2]int64) {
	t.Helper()
	got := progressTotals(t, stderr)
	for q, v := range got {
		if v != want[q] {
			t.Errorf("%s: query %s read and wrote %v rows, want %v", what, q, v, want[q])
		}
	}
	for q, v := range want {
		if _, ok := got[q]; !ok && v != [2]int64{} {
			t.Errorf("%s: no progress of query %s", what, q)
		}
	}
}

// runWithStdout runs a program to completion and returns its standard
// output.
func runWithStdout(t *testing.T, bin, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\nstderr:\n%s", filepath.Base(bin), err, tail(stderr.String(), 4000))
		}
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%s did not end", filepath.Base(bin))
	}
	return stdout.String()
}

// program is a generated program running in the background.
type program struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error

	mu     sync.Mutex
	stderr bytes.Buffer
}

func (p *program) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.Write(b)
}

func (p *program) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

func startProgram(t *testing.T, bin, dir string, args ...string) *program {
	t.Helper()
	p := &program{name: filepath.Base(bin), cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Dir = dir
	p.cmd.Stderr = p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if !p.exited() {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *program) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitFor waits until the program's stderr holds s.
func (p *program) waitFor(t *testing.T, s string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(p.output(), s) {
		if p.exited() || time.Now().After(deadline) {
			t.Fatalf("%s: no %s in its log (exited: %v, %v):\n%s", p.name, s, p.exited(), p.err, tail(p.output(), 4000))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stop sends SIGTERM, which must end the program with status 0 after its
// current batch, and returns its stderr.
func (p *program) stop(t *testing.T) string {
	t.Helper()
	if !p.exited() {
		if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%s: still running 15s after SIGTERM:\n%s", p.name, tail(p.output(), 4000))
	}
	if p.err != nil {
		t.Fatalf("%s: %v after SIGTERM:\n%s", p.name, p.err, tail(p.output(), 4000))
	}
	return p.output()
}

// runFailing runs a program that must fail: it returns its stderr and
// fails the test unless the exit status is 1.
func runFailing(t *testing.T, bin, dir string, args ...string) (string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now()
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("%s: %v, want exit status 1\nstdout:\n%s\nstderr:\n%s", filepath.Base(bin), err, stdout.String(), tail(stderr.String(), 4000))
	}
	return stderr.String(), time.Since(began)
}

// lastLine is the program's final word: the line Main prints on failure.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// gpsBody is a reading's Avro body under schemas/gps.avsc.
func gpsBody(ts int64, device string) []byte {
	b := avrobin.AppendLong(nil, ts)
	b = avrobin.AppendString(b, device)
	for _, f := range []float64{1, 2, 3, 4} {
		b = avrobin.AppendDouble(b, f)
	}
	return b
}

// A bad record stops a FAILFAST query with exit status 1 and an error
// naming topic, partition and offset and the reason, and nothing of its
// batch is committed; the rows of an earlier batch stay.
func TestGpsFailFast(t *testing.T) {
	t.Parallel()
	fileBin := build(t, "generated/cmd/gps-file")
	cases := []struct {
		name string
		// bad writes the bad record (after two good ones on partition 1,
		// so it is at offset 2 there).
		bad  func(t *testing.T, e *gpsEnv, v1 uint32)
		want []string // in the error line
	}{
		{"bad magic byte", func(t *testing.T, e *gpsEnv, _ uint32) {
			e.produceRaw(1, []byte(`{"timestamp":1}`))
		}, []string{"unknown magic byte 0x7b"}},
		{"unknown schema id", func(t *testing.T, e *gpsEnv, _ uint32) {
			e.produceRaw(1, append(wire.AppendHeader(nil, 999), gpsBody(1, "x")...))
		}, []string{"writer schema id 999", "schema id 999 not found in registry http://127.0.0.1:"}},
		{"truncated body", func(t *testing.T, e *gpsEnv, v1 uint32) {
			e.produceRaw(1, append(wire.AppendHeader(nil, v1), gpsBody(1, "x")[:20]...))
		}, []string{"truncated"}},
		{"incompatible writer schema", func(t *testing.T, e *gpsEnv, _ uint32) {
			line := `{"timestamp":5,"deviceId":"x","latitude":1,"longitude":2,"altitude":3,"speed":"fast"}`
			if id := e.produce(t, writeSchema(t, gpsV3), []string{line}, "--partition", "1"); id != 2 {
				t.Fatalf("v3 registered as schema id %d, want 2", id)
			}
		}, []string{"writer schema id 2", "writer schema com.example.telemetry.GpsReading (fingerprint ",
			"cannot be read as reader schema com.example.telemetry.GpsReading", `field "speed"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newGpsEnv(t)
			id, _, err := e.reg.Register(gpsSubject, devregistry.Schema{Schema: readSchema(t)})
			if err != nil {
				t.Fatal(err)
			}
			good := append(wire.AppendHeader(nil, uint32(id)), gpsBody(1, "ok")...)
			e.produceRaw(1, good, good)
			dir := t.TempDir()
			runProgram(t, fileBin, dir, e.args("--trigger", "available-now")...)
			files := gpsFiles(t, dir)

			// A good record in the failing batch must not be committed
			// either.
			e.produceRaw(0, good)
			c.bad(t, e, uint32(id))
			stderr, _ := runFailing(t, fileBin, dir, e.args("--trigger", "available-now")...)
			msg := lastLine(stderr)
			for _, w := range append([]string{`gps-file: query "file" failed: `, "record gps-1 offset 2: ", "mode FAILFAST"}, c.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("the error does not say %q:\n%s", w, msg)
				}
			}
			if got := gpsFiles(t, dir); !slices.Equal(got, files) {
				t.Errorf("the failed batch committed files:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

func readSchema(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "schemas", "gps.avsc"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// With the registry down a query stops at once with an error naming it
// (not a record's fault: nothing is skipped), and once it is back the
// next run reads every record.
func TestGpsRegistryDown(t *testing.T) {
	t.Parallel()
	fileBin := build(t, "generated/cmd/gps-file")
	e := newGpsEnv(t)
	cases := gpsReadings("truck", 50, false)
	e.produce(t, filepath.Join(repoRoot, "schemas", "gps.avsc"), ins(cases))
	url := e.srv.URL()
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stderr, took := runFailing(t, fileBin, dir, e.args("--trigger", "available-now")...)
	msg := lastLine(stderr)
	for _, w := range []string{"registry " + url + " unavailable", "connection refused", "/schemas/ids/1"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the error does not say %q:\n%s", w, msg)
		}
	}
	if strings.Contains(msg, "malformed") {
		t.Errorf("an outage is reported as a malformed record:\n%s", msg)
	}
	if took > 10*time.Second {
		t.Errorf("the program took %v to give up", took)
	}
	if got := gpsLines(t, dir); len(got) != 0 {
		t.Errorf("%d rows committed without the registry", len(got))
	}
	t.Logf("registry down: failed after %v: %s", took.Round(time.Millisecond), msg)

	if err := e.srv.Restart(); err != nil {
		t.Fatal(err)
	}
	runProgram(t, fileBin, dir, e.args("--trigger", "available-now")...)
	checkLines(t, "rows after the registry is back", gpsLines(t, dir), outs(cases))
}

// Newer Confluent serializers may put the schema reference in a
// __value_schema_id header (magic 1 and a GUID, or magic 0 and an id) and
// leave the value unframed; the programs read both.
func TestGpsSchemaIDHeader(t *testing.T) {
	t.Parallel()
	fileBin := build(t, "generated/cmd/gps-file")
	e := newGpsEnv(t)
	id1, _, err := e.reg.Register(gpsSubject, devregistry.Schema{Schema: readSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	id2, _, err := e.reg.Register(gpsSubject, devregistry.Schema{Schema: gpsV2})
	if err != nil {
		t.Fatal(err)
	}
	guid, err := wire.ParseGUID(e.reg.GUID(id2))
	if err != nil {
		t.Fatal(err)
	}
	v2 := avrobin.AppendLong(nil, 7)
	v2 = avrobin.AppendString(v2, "by-guid")
	for _, f := range []float64{1.5, 2.5, 4, 3, 90} { // lat, lon, speed, altitude, heading
		v2 = avrobin.AppendDouble(v2, f)
	}
	header := func(v []byte) []kgo.RecordHeader {
		return []kgo.RecordHeader{{Key: "trace", Value: []byte("x")}, {Key: wire.ValueSchemaIDHeader, Value: v}}
	}
	e.k.Produce(
		&kafkatest.Record{Topic: gpsTopic, Partition: 0, Value: gpsBody(6, "by-id"), Headers: header(wire.AppendHeader(nil, uint32(id1)))},
		&kafkatest.Record{Topic: gpsTopic, Partition: 1, Value: v2, Headers: header(wire.AppendGUIDHeader(nil, guid))},
		&kafkatest.Record{Topic: gpsTopic, Partition: 2, Value: append(wire.AppendGUIDHeader(nil, guid), v2...)},
	)
	dir := t.TempDir()
	runProgram(t, fileBin, dir, e.args("--trigger", "available-now")...)
	checkLines(t, "rows", gpsLines(t, dir), []string{
		`{"timestamp":6,"deviceId":"by-id","latitude":1.0,"longitude":2.0,"altitude":3.0,"speed":4.0}`,
		`{"timestamp":7,"deviceId":"by-guid","latitude":1.5,"longitude":2.5,"altitude":3.0,"speed":4.0}`,
		`{"timestamp":7,"deviceId":"by-guid","latitude":1.5,"longitude":2.5,"altitude":3.0,"speed":4.0}`,
	})
}
