package e2e

import (
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// The invoices app, reaching the broker only through a proxy, keeps running
// through network faults: every connection dropped at once, a blackhole,
// and connections reset every 50-500 ms for 10 s, while invoices arrive in
// rounds. In the end the file sink holds every row exactly once and the
// notifications topic every record at least once; SIGTERM then ends the
// program with status 0.
func TestInvoicesAppRidesOutNetworkFaults(t *testing.T) {
	bin := build(t, "generated/cmd/invoices")
	k := kafkatest.New(t, kafkatest.BehindProxy())
	k.CreateTopic(inTopic, partitions)
	k.CreateTopic(outTopic, partitions)
	invoices := readLines(t, fixture(t, "invoices.jsonl"))
	wantNotes := expectedNotes(t, fixture(t, "expected-notifications.jsonl"))
	wantRows := sortedStrings(readLines(t, fixture(t, "expected-flattened.jsonl")))
	dir := t.TempDir()
	t0 := time.Now()
	p := startProgram(t, bin, dir, "--bootstrap-servers", k.Addr, "--log-level", "info")

	const rounds = 5
	per := len(invoices) / rounds
	produced := 0
	produceRound := func() {
		t.Helper()
		produce(t, k, invoices[produced:produced+per])
		produced += per
	}
	alive := func(phase string) {
		t.Helper()
		if p.exited() {
			t.Fatalf("%s: the program exited (%v):\n%s", phase, p.err, tail(p.output(), 6000))
		}
	}
	// caughtUp waits until both queries have read every invoice produced.
	caughtUp := func(phase string) {
		t.Helper()
		deadline := time.Now().Add(45 * time.Second)
		for {
			alive(phase)
			tot := progressTotals(t, p.output())
			if tot["notify"][0] >= int64(produced) && tot["flatten"][0] >= int64(produced) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the queries read %v of %d invoices within 45s:\n%s", phase, tot, produced, tail(p.output(), 6000))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	produceRound()
	caughtUp("before any fault")

	// (a) Every connection dropped at once, as when the broker restarts.
	if n := k.Proxy.DropAll(); n == 0 {
		t.Fatal("the program had no connection open through the proxy")
	}
	produceRound()
	caughtUp("after dropping every connection")

	// (b) A blackhole: nothing gets through for a few seconds.
	k.Proxy.Blackhole(true)
	produceRound()
	time.Sleep(4 * time.Second)
	alive("during the blackhole")
	k.Proxy.Blackhole(false)
	caughtUp("after the blackhole")

	// (c) Connections reset every 50-500 ms for 10 s, with invoices
	// arriving meanwhile.
	resets := 0
	end := time.Now().Add(10 * time.Second)
	next := time.Now().Add(3 * time.Second)
	for time.Now().Before(end) {
		time.Sleep(time.Duration(50+rand.IntN(451)) * time.Millisecond)
		if k.Proxy.DropAll() > 0 {
			resets++
		}
		if produced < len(invoices) && time.Now().After(next) {
			produceRound()
			next = next.Add(4 * time.Second)
		}
		alive("while connections were being reset")
	}
	for produced < len(invoices) {
		produceRound()
	}
	caughtUp("after the resets")

	// The file sink commits after its batch's rows; wait for the last.
	deadline := time.Now().Add(30 * time.Second)
	for len(committedLines(t, dir)) < len(wantRows) && time.Now().Before(deadline) {
		alive("waiting for the last file sink commit")
		time.Sleep(50 * time.Millisecond)
	}
	checkLines(t, "flattened rows", committedLines(t, dir), wantRows)
	extra, missing := sameMultiset(notes(t, k), wantNotes)
	if len(missing) > 0 {
		t.Errorf("notifications: %d expected records missing; first: %s", len(missing), strings.Join(first(missing, 5), "\n  "))
	}
	wanted := map[string]bool{}
	for _, n := range wantNotes {
		wanted[n.String()] = true
	}
	for _, e := range extra {
		if !wanted[e] {
			t.Errorf("notifications: unexpected record %s", e)
			break
		}
	}
	if d := k.DirectConnections(); len(d) > 0 {
		t.Errorf("%d connections reached the broker without the proxy: %v", len(d), first(d, 5))
	}
	out := p.stop(t)
	t.Logf("survived %d resets (%d connections dropped in all) and a 4s blackhole through %d proxied connections in %s; "+
		"%d duplicate notifications (at least once); %d retry episodes logged",
		resets, k.Proxy.Dropped(), k.Proxy.Accepted(), time.Since(t0).Round(time.Millisecond),
		len(extra), strings.Count(out, `"msg":"retrying kafka`))
	if resets < 10 {
		t.Errorf("only %d resets hit open connections", resets)
	}
}

// With no broker listening, the app retries for --retry-timeout, says at
// once what it is retrying, against which broker and for how long, and
// then exits with status 1 and an error naming the call, the broker and
// the time spent.
func TestInvoicesAppGivesUpWithoutBroker(t *testing.T) {
	t.Parallel()
	bin := build(t, "generated/cmd/invoices")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const timeout = 3 * time.Second
	stderr, took := runFailing(t, bin, t.TempDir(), "--bootstrap-servers", addr, "--retry-timeout", timeout.String())
	if took < timeout || took > timeout+5*time.Second {
		t.Errorf("exited after %s, want within %s of the %s retry timeout", took, 5*time.Second, timeout)
	}
	warn := `"msg":"retrying kafka metadata for invoices (broker ` + addr + ` unreachable: `
	if !strings.Contains(stderr, warn) || !strings.Contains(stderr, "; giving up in 3s") {
		t.Errorf("no warning %s...; giving up in 3s:\n%s", warn, tail(stderr, 4000))
	}
	for _, q := range []string{"notify", "flatten"} {
		want := `query "` + q + `" failed: kafka source: discover partitions: gave up retrying kafka metadata for invoices against broker ` + addr + " after 3"
		if !strings.Contains(stderr, want) || !strings.Contains(stderr, "(retry timeout 3s): ") {
			t.Errorf("stderr lacks %q ... (retry timeout 3s):\n%s", want, tail(stderr, 4000))
		}
	}
	t.Logf("gave up after %s", took.Round(time.Millisecond))
}
