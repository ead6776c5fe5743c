package produce_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actgardner/gogen-avro/v10/generic"
	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/broker"
	"github.com/streamc/streamc/internal/devtools/produce"
	"github.com/streamc/streamc/internal/devtools/registry"
)

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func startBroker(t *testing.T, topics map[string]int) *broker.Broker {
	t.Helper()
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	for name, n := range topics {
		if err := b.CreateTopic(t.Context(), name, n); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// readAll reads every record of every partition of topic.
func readAll(t *testing.T, ctx context.Context, b *broker.Broker, topic string) []kafka.Message {
	t.Helper()
	offs, err := b.Offsets(topic)
	if err != nil {
		t.Fatal(err)
	}
	var out []kafka.Message
	for p, r := range offs {
		rd := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b.Addr()}, Topic: topic, Partition: p, MaxWait: 50 * time.Millisecond})
		for range r.End - r.Start {
			m, err := rd.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("partition %d: %v", p, err)
			}
			out = append(out, m)
		}
		rd.Close()
	}
	return out
}

func TestDevProduceRawWithKeys(t *testing.T) {
	ctx := testContext(t)
	b := startBroker(t, map[string]int{"invoices": 3})
	var in strings.Builder
	want := map[string]string{} // value -> key
	for i := range 40 {
		line := fmt.Sprintf(`{"InvoiceNumber": "INV-%d", "n": %d}`, i, i)
		fmt.Fprintln(&in, line)
		want[line] = fmt.Sprintf("INV-%d", i)
	}
	in.WriteString("\n{\"n\": 99}\r\n") // an empty line (skipped) and a line without the key
	want[`{"n": 99}`] = ""
	res, err := produce.Run(ctx, produce.Options{BootstrapServers: b.Addr(), Topic: "invoices", KeyField: "InvoiceNumber", Partition: -1}, strings.NewReader(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 41 {
		t.Errorf("Records = %d, want 41", res.Records)
	}
	msgs := readAll(t, ctx, b, "invoices")
	if len(msgs) != 41 {
		t.Fatalf("read %d records, want 41", len(msgs))
	}
	parts := map[int]bool{}
	for _, m := range msgs {
		key, ok := want[string(m.Value)]
		if !ok {
			t.Fatalf("unexpected value %q", m.Value)
		}
		if string(m.Key) != key {
			t.Errorf("value %s: key %q, want %q", m.Value, m.Key, key)
		}
		if key == "" {
			if m.Key != nil {
				t.Errorf("missing key field gave key %q, want null", m.Key)
			}
			continue
		}
		parts[m.Partition] = true
		if p := (kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: m.Key}, 0, 1, 2); p != m.Partition {
			t.Errorf("key %s in partition %d, murmur2 says %d", m.Key, m.Partition, p)
		}
	}
	if len(parts) != 3 {
		t.Errorf("keys landed in partitions %v, want all 3", parts)
	}
}

// The fixture invoices keyed by InvoiceNumber land in the partitions Kafka's
// Java producer chose for the same keys (expected-notifications.jsonl).
func TestDevProduceJavaPartitions(t *testing.T) {
	ctx := testContext(t)
	dir := filepath.Join("..", "..", "..", "schemas", "fixtures")
	invoices, err := os.Open(filepath.Join(dir, "invoices.jsonl"))
	if err != nil {
		t.Fatalf("the invoice fixtures are missing: %v", err)
	}
	defer invoices.Close()
	expected, err := os.ReadFile(filepath.Join(dir, "expected-notifications.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(expected)), "\n") {
		var e struct {
			Key       string `json:"key"`
			Partition int    `json:"partition"`
		}
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		want[e.Key] = e.Partition
	}
	b := startBroker(t, map[string]int{"invoices": 3})
	res, err := produce.Run(ctx, produce.Options{BootstrapServers: b.Addr(), Topic: "invoices", KeyField: "InvoiceNumber", Partition: -1}, invoices)
	if err != nil {
		t.Fatal(err)
	}
	msgs := readAll(t, ctx, b, "invoices")
	if res.Records != len(want) || len(msgs) != len(want) {
		t.Fatalf("wrote %d, read %d, want %d", res.Records, len(msgs), len(want))
	}
	for _, m := range msgs {
		if p, ok := want[string(m.Key)]; !ok || p != m.Partition {
			t.Errorf("key %s in partition %d, Java's producer chose %d", m.Key, m.Partition, p)
		}
	}
}

func TestDevProducePartitionFlagAndErrors(t *testing.T) {
	ctx := testContext(t)
	b := startBroker(t, map[string]int{"n": 3})
	lines := `{"k":"ST-2021-00013","v":1}
{"k":42,"v":2}
{"k":null,"v":3}`
	if _, err := produce.Run(ctx, produce.Options{BootstrapServers: b.Addr(), Topic: "n", KeyField: "k", Partition: 2}, strings.NewReader(lines)); err != nil {
		t.Fatal(err)
	}
	msgs := readAll(t, ctx, b, "n")
	if len(msgs) != 3 {
		t.Fatalf("read %d", len(msgs))
	}
	wantKeys := []string{"ST-2021-00013", "42", ""}
	for i, m := range msgs {
		if m.Partition != 2 {
			t.Errorf("record %d in partition %d, want 2 (--partition)", i, m.Partition)
		}
		if string(m.Key) != wantKeys[i] {
			t.Errorf("record %d key %q, want %q", i, m.Key, wantKeys[i])
		}
	}
	_, err := produce.Run(ctx, produce.Options{BootstrapServers: b.Addr(), Topic: "n", Partition: 3}, strings.NewReader("x\n"))
	if err == nil || !strings.Contains(err.Error(), "has 3 partitions, no partition 3") {
		t.Errorf("partition out of range: %v", err)
	}
	_, err = produce.Run(ctx, produce.Options{BootstrapServers: b.Addr(), Topic: "n", KeyField: "k", Partition: -1}, strings.NewReader("{\"k\":\"a\"}\nnot json\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2: key field \"k\": the line is not a JSON object") {
		t.Errorf("bad line: %v", err)
	}
}

const gpsSchema = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
 {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
 {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
 {"name":"altitude","type":["null","double"],"default":null},
 {"name":"tags","type":{"type":"array","items":"string"},"default":[]},
 {"name":"attrs","type":{"type":"map","values":"long"},"default":{}},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["CAR","TRUCK"]},"default":"CAR"}]}`

func TestDevProduceConfluentAvro(t *testing.T) {
	ctx := testContext(t)
	b := startBroker(t, map[string]int{"gps": 3})
	reg, err := registry.New(registry.Options{BasicAuth: "u:p"})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := registry.Serve("127.0.0.1:0", reg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// Something registered first, so the id is not trivially 1.
	if _, _, err := reg.Register("other", registry.Schema{Schema: `"string"`}); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`{"timestamp":1715239773186,"deviceId":"truck-042","latitude":52.520008,"longitude":13.404954,"altitude":34.5,"tags":["a","b"],"attrs":{"x":1},"kind":"TRUCK"}`,
		`{"timestamp":-1,"deviceId":"car-1","latitude":0,"longitude":-0.5,"altitude":null}`,
		`{"timestamp":9007199254740993,"deviceId":"car-2","latitude":1,"longitude":2}`,
	}
	opts := produce.Options{
		BootstrapServers: b.Addr(), Topic: "gps", KeyField: "deviceId", Partition: -1,
		Format: produce.FormatConfluentAvro, Schema: []byte(gpsSchema),
		RegistryURL: "http://u:p@" + srv.Addr(),
	}
	res, err := produce.Run(ctx, opts, strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if res.SchemaID != 2 || res.Records != 3 {
		t.Fatalf("result %+v, want schema id 2 and 3 records", res)
	}
	if sv, err := reg.Version("gps-value", -1); err != nil || sv.ID != 2 {
		t.Fatalf("gps-value latest: %+v %v", sv, err)
	}

	// Decode with gogen-avro's generic decoder, an implementation
	// independent of ours.
	codec, err := generic.NewCodecFromSchema([]byte(gpsSchema), []byte(gpsSchema))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range readAll(t, ctx, b, "gps") {
		if m.Value[0] != 0 || binary.BigEndian.Uint32(m.Value[1:5]) != 2 {
			t.Fatalf("frame header % x", m.Value[:5])
		}
		v, err := codec.Deserialize(bytes.NewReader(m.Value[5:]))
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(v)
		got[string(m.Key)] = string(j)
	}
	want := map[string]string{
		"truck-042": `{"altitude":34.5,"attrs":{"x":1},"deviceId":"truck-042","kind":"TRUCK","latitude":52.520008,"longitude":13.404954,"tags":["a","b"],"timestamp":1715239773186}`,
		"car-1":     `{"altitude":null,"attrs":{},"deviceId":"car-1","kind":"CAR","latitude":0,"longitude":-0.5,"tags":[],"timestamp":-1}`,
		"car-2":     `{"altitude":null,"attrs":{},"deviceId":"car-2","kind":"CAR","latitude":1,"longitude":2,"tags":[],"timestamp":9007199254740993}`,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got  %s\n want %s", k, got[k], w)
		}
	}

	// Wrong credentials fail with the registry's message.
	opts.RegistryURL, opts.RegistryAuth = "http://"+srv.Addr(), "u:wrong"
	_, err = produce.Run(ctx, opts, strings.NewReader(lines[0]))
	if err == nil || !strings.Contains(err.Error(), "Unauthorized (error 401)") {
		t.Errorf("wrong credentials: %v", err)
	}
	// A line that does not fit the schema names the line and the field.
	opts.RegistryAuth = "u:p"
	_, err = produce.Run(ctx, opts, strings.NewReader(lines[0]+"\n"+`{"timestamp":"x","deviceId":"d","latitude":1,"longitude":2}`))
	if err == nil || !strings.Contains(err.Error(), `line 2: timestamp: want an integer, got string "x"`) {
		t.Errorf("bad record: %v", err)
	}
}
