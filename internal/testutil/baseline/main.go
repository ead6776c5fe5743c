// Command baseline is the invoices app as one would write it by hand with
// kafka-go and encoding/json: the yardstick streamc's generated program is
// measured against (gen/e2e). It reads every partition of topic invoices
// up to the end offsets it finds at start (like --trigger available-now),
// decodes each value into structs, writes query notify's records to topic
// notifications and query flatten's JSON lines to files under output/, and
// records the offsets it reached in baseline-offsets.json so a second run
// starts where the first ended.
//
// With --mode consume it only reads the records (the ceiling: what reading
// alone costs). Its outputs equal Spark's on well-formed input; malformed
// records get no partial results.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/runtime/jsonx"
)

const (
	inTopic    = "invoices"
	outTopic   = "notifications"
	outDir     = "output"
	offsetFile = "baseline-offsets.json"
)

type invoice struct {
	InvoiceNumber    *string
	CreatedTime      *int64
	StoreID          *string
	PosID            *string
	CashierID        *string
	CustomerType     *string
	CustomerCardNo   *string
	TotalAmount      *float64
	NumberOfItems    *int32
	PaymentMethod    *string
	CGST             *float64
	SGST             *float64
	CESS             *float64
	DeliveryType     *string
	DeliveryAddress  *address
	InvoiceLineItems []*lineItem
}

type address struct {
	AddressLine   *string
	City          *string
	State         *string
	PinCode       *string
	ContactNumber *string
}

type lineItem struct {
	ItemCode        *string
	ItemDescription *string
	ItemPrice       *float64
	ItemQty         *int32
	TotalValue      *float64
}

func main() {
	bootstrap := flag.String("bootstrap-servers", "127.0.0.1:9092", "Kafka brokers")
	trigger := flag.String("trigger", "available-now", "only available-now")
	mode := flag.String("mode", "app", "app (both queries) or consume (read only)")
	flag.Parse()
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if *trigger != "available-now" || (*mode != "app" && *mode != "consume") {
		fmt.Fprintln(os.Stderr, "baseline: --trigger available-now and --mode app|consume only")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, strings.Split(*bootstrap, ","), *mode, log); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, brokers []string, mode string, log *slog.Logger) error {
	start := time.Now()
	ranges, err := offsetRanges(ctx, brokers[0])
	if err != nil {
		return err
	}
	var w *kafka.Writer
	if mode == "app" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return err
		}
		w = &kafka.Writer{
			Addr:         kafka.TCP(brokers...),
			Topic:        outTopic,
			Balancer:     &kafka.Murmur2Balancer{}, // the Java client's partitioner
			BatchSize:    1000,
			BatchTimeout: 5 * time.Millisecond,
			RequiredAcks: kafka.RequireAll,
		}
		defer w.Close()
	}
	var (
		wg              sync.WaitGroup
		mu              sync.Mutex
		errs            []error
		in, notes, rows int64
	)
	for p, rg := range ranges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, o, r, err := partition(ctx, brokers, p, rg, mode, w)
			mu.Lock()
			defer mu.Unlock()
			in, notes, rows = in+n, notes+o, rows+r
			if err != nil {
				errs = append(errs, fmt.Errorf("partition %d: %w", p, err))
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if mode == "app" {
		if err := saveOffsets(ranges); err != nil {
			return err
		}
	}
	log.Info("done", "mode", mode, "records", in, "notifications", notes, "flattened", rows, "ms", time.Since(start).Milliseconds())
	return nil
}

// offsetRanges returns, per partition, the offsets to read: from where the
// last run ended (or the earliest) to the end offset now.
func offsetRanges(ctx context.Context, broker string) (map[int][2]int64, error) {
	conn, err := kafka.DialContext(ctx, "tcp", broker)
	if err != nil {
		return nil, err
	}
	parts, err := conn.ReadPartitions(inTopic)
	conn.Close()
	if err != nil {
		return nil, err
	}
	saved := map[string]int64{}
	if data, err := os.ReadFile(offsetFile); err == nil {
		if err := json.Unmarshal(data, &saved); err != nil {
			return nil, fmt.Errorf("%s: %w", offsetFile, err)
		}
	}
	out := map[int][2]int64{}
	for _, p := range parts {
		c, err := kafka.DialLeader(ctx, "tcp", broker, inTopic, p.ID)
		if err != nil {
			return nil, err
		}
		first, last, err := c.ReadOffsets()
		c.Close()
		if err != nil {
			return nil, err
		}
		if s, ok := saved[strconv.Itoa(p.ID)]; ok && s > first {
			first = s
		}
		out[p.ID] = [2]int64{first, last}
	}
	return out, nil
}

func saveOffsets(ranges map[int][2]int64) error {
	m := map[string]int64{}
	for p, rg := range ranges {
		m[strconv.Itoa(p)] = rg[1]
	}
	data, _ := json.Marshal(m)
	tmp := offsetFile + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, offsetFile)
}

// partition reads one partition's range and, in app mode, writes both
// queries' outputs for it.
func partition(ctx context.Context, brokers []string, p int, rg [2]int64, mode string, w *kafka.Writer) (in, notes, rows int64, err error) {
	if rg[0] >= rg[1] {
		return 0, 0, 0, nil
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: inTopic, Partition: p, MinBytes: 1, MaxBytes: 8 << 20, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	if err := r.SetOffset(rg[0]); err != nil {
		return 0, 0, 0, err
	}
	var (
		file  *os.File
		out   *bufio.Writer
		batch []kafka.Message
		line  []byte
		size  int64
	)
	if mode == "app" {
		file, err = os.Create(filepath.Join(outDir, fmt.Sprintf("part-%d-%d.json", p, rg[0])))
		if err != nil {
			return 0, 0, 0, err
		}
		defer file.Close()
		out = bufio.NewWriterSize(file, 1<<20)
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := w.WriteMessages(ctx, batch...)
		batch = batch[:0]
		return err
	}
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return in, notes, rows, err
		}
		in++
		size += int64(len(m.Value))
		if mode == "app" {
			var inv invoice
			if json.Unmarshal(m.Value, &inv) != nil {
				inv = invoice{} // as PERMISSIVE: every field null
			}
			key, value := notify(&inv)
			batch = append(batch, kafka.Message{Key: key, Value: value})
			notes++
			if len(batch) == 1000 {
				if err := flush(); err != nil {
					return in, notes, rows, err
				}
			}
			for _, it := range inv.InvoiceLineItems {
				line = flatten(line[:0], &inv, it)
				if _, err := out.Write(line); err != nil {
					return in, notes, rows, err
				}
				rows++
			}
		}
		if m.Offset+1 >= rg[1] {
			break
		}
	}
	if mode == "consume" {
		if size < 0 {
			fmt.Println(size) // keeps the bytes read live
		}
		return in, 0, 0, nil
	}
	if err := flush(); err != nil {
		return in, notes, rows, err
	}
	if err := out.Flush(); err != nil {
		return in, notes, rows, err
	}
	if rows == 0 {
		file.Close()
		return in, notes, rows, os.Remove(file.Name())
	}
	return in, notes, rows, file.Sync()
}

// loyalty is a variable so the multiplication happens at run time in IEEE
// double arithmetic, as Spark does it.
var loyalty = 0.2

// notify is query notify: key InvoiceNumber, value to_json(struct(
// InvoiceNumber, CustomerCardNo, TotalAmount, TotalAmount * 0.2)).
func notify(inv *invoice) (key, value []byte) {
	if inv.InvoiceNumber != nil {
		key = []byte(*inv.InvoiceNumber)
	}
	v := []byte{'{'}
	v = str(v, "InvoiceNumber", inv.InvoiceNumber)
	v = str(v, "CustomerCardNo", inv.CustomerCardNo)
	v = dbl(v, "TotalAmount", inv.TotalAmount)
	if inv.TotalAmount != nil {
		p := *inv.TotalAmount * loyalty
		v = dbl(v, "EarnedLoyaltyPoints", &p)
	}
	return key, append(v, '}')
}

// flatten is one row of query flatten as a JSON line.
func flatten(dst []byte, inv *invoice, it *lineItem) []byte {
	dst = append(dst, '{')
	dst = str(dst, "InvoiceNumber", inv.InvoiceNumber)
	if inv.CreatedTime != nil {
		dst = jsonx.AppendInt(jsonx.AppendKey(comma(dst), "CreatedTime"), *inv.CreatedTime)
	}
	dst = str(dst, "StoreID", inv.StoreID)
	dst = str(dst, "PosID", inv.PosID)
	dst = str(dst, "CustomerType", inv.CustomerType)
	dst = str(dst, "PaymentMethod", inv.PaymentMethod)
	dst = str(dst, "DeliveryType", inv.DeliveryType)
	if a := inv.DeliveryAddress; a != nil {
		dst = str(dst, "City", a.City)
		dst = str(dst, "State", a.State)
		dst = str(dst, "PinCode", a.PinCode)
	}
	if it != nil {
		dst = str(dst, "ItemCode", it.ItemCode)
		dst = str(dst, "ItemDescription", it.ItemDescription)
		dst = dbl(dst, "ItemPrice", it.ItemPrice)
		if it.ItemQty != nil {
			dst = jsonx.AppendInt(jsonx.AppendKey(comma(dst), "ItemQty"), int64(*it.ItemQty))
		}
		dst = dbl(dst, "TotalValue", it.TotalValue)
	}
	return append(dst, '}', '\n')
}

func comma(dst []byte) []byte {
	if dst[len(dst)-1] != '{' {
		dst = append(dst, ',')
	}
	return dst
}

func str(dst []byte, name string, v *string) []byte {
	if v == nil {
		return dst
	}
	return jsonx.AppendString(jsonx.AppendKey(comma(dst), name), *v)
}

func dbl(dst []byte, name string, v *float64) []byte {
	if v == nil {
		return dst
	}
	return jsonx.AppendDouble(jsonx.AppendKey(comma(dst), name), *v)
}
