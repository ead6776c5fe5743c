package broker_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/broker"
)

// A reader and a writer that live through a broker outage: the broker is
// stopped for a while and restarted, and they carry on from where they were
// with nothing lost.
func TestDevBrokerOutageClientsRecover(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{})
	if err := b.CreateTopic(ctx, "o", 1); err != nil {
		t.Fatal(err)
	}
	// acks=all: kafka-go's default (none) returns before the broker has
	// the record, which a stop would then lose, as a real broker's crash would.
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: "o", BatchTimeout: time.Millisecond, MaxAttempts: 50, RequiredAcks: kafka.RequireAll,
		WriteBackoffMin: 50 * time.Millisecond, WriteBackoffMax: 200 * time.Millisecond}
	defer w.Close()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b.Addr()}, Topic: "o", Partition: 0, MaxWait: 50 * time.Millisecond,
		ReadBackoffMin: 50 * time.Millisecond, ReadBackoffMax: 200 * time.Millisecond,
		MaxAttempts: 50}) // kafka-go gives up dialing after 3 attempts by default
	defer r.Close()

	write := func(from, n int) {
		for i := from; i < from+n; i++ {
			if err := w.WriteMessages(ctx, kafka.Message{Value: fmt.Appendf(nil, "%d", i)}); err != nil {
				t.Fatalf("write %d: %v", i, err)
			}
		}
	}
	read := func(from, n int) {
		for i := from; i < from+n; i++ {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("read %d: %v", i, err)
			}
			if string(m.Value) != fmt.Sprint(i) || m.Offset != int64(i) {
				t.Fatalf("read offset %d value %s, want %d", m.Offset, m.Value, i)
			}
		}
	}
	write(0, 5)
	read(0, 5)

	b.Stop()
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(1500 * time.Millisecond)
		restarted <- b.Restart()
	}()
	write(5, 5) // retried until the broker is back
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}
	read(5, 5)
}
