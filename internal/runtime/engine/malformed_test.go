package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// What a query's decoders report malformed through SinkEnv.Malformed is
// counted per query and reason in streamc_malformed_records_total; without
// metrics the function is still there, and does nothing.
func TestMalformedRecordsCounted(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 12, "v")
	reg := prometheus.NewRegistry()
	m, err := engine.NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	query := func(name string) engine.Query {
		return engine.Query{Name: name, Source: source(k), Checkpoint: name, Trigger: engine.AvailableNow(), Sink: newRecSink().factory(),
			Prepare: func(env engine.SinkEnv) (func() engine.Processor, error) {
				report := env.Malformed
				return func() engine.Processor {
					return engine.ProcessorFunc(func(row *kafka.Row, emit engine.Emit) error {
						if strings.HasSuffix(string(row.Value), "0") || strings.HasSuffix(string(row.Value), "5") {
							report("unknown_schema_id")
						}
						return nil
					})
				}, nil
			}}
	}
	o := opts(t)
	o.Metrics = m
	if err := engine.Run(ctxT(t, time.Minute), o, query("m")); err != nil {
		t.Fatal(err)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var got float64
	var labels string
	for _, f := range families {
		if f.GetName() != "streamc_malformed_records_total" {
			continue
		}
		for _, mt := range f.GetMetric() {
			got += mt.GetCounter().GetValue()
			for _, l := range mt.GetLabel() {
				labels += l.GetName() + "=" + l.GetValue() + " "
			}
		}
	}
	// v0, v5 and v10 end in 0 or 5.
	if got != 3 || labels != "query=m reason=unknown_schema_id " {
		t.Errorf("streamc_malformed_records_total = %v {%s}, want 3 {query=m reason=unknown_schema_id}", got, labels)
	}

	if err := engine.Run(ctxT(t, time.Minute), opts(t), query("nometrics")); err != nil {
		t.Fatal(err)
	}
}
