package querygen

import (
	"slices"
	"time"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	confluentrt "github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
	consolert "github.com/streamc/streamc/internal/runtime/sink/consolesink"
	kafkart "github.com/streamc/streamc/internal/runtime/sink/kafkasink"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// The checker resolved every source, codec and file sink option into the
// runtime's typed values; these write them as Go literals, leaving out
// fields at their Go zero value, so that each literal is exactly the value
// the checker made and the program parses none of the spec's text.

// fields are a struct literal's fields in the order of the struct, not
// sorted as jennifer's Dict sorts them, so the literal reads as the type's
// documentation does.
type fields []Code

func (f *fields) set(name string, v Code) {
	*f = append(*f, Line().Id(name).Op(":").Add(v))
}

// literal is typ{fields...}, one field a line.
func literal(typ *Statement, build func(d *fields)) *Statement {
	var f fields
	build(&f)
	if len(f) == 0 {
		return typ.Values()
	}
	return typ.Values(append(f, Line())...)
}

// sourceConfig is the kafka.SourceConfig literal of the query's source.
func sourceConfig(cfg kafka.SourceConfig) *Statement {
	return literal(genutil.RT(kafkaPkg, "SourceConfig"), func(d *fields) {
		if cfg.Subscribe != nil {
			d.set("Subscribe", Index().String().ValuesFunc(func(g *Group) {
				for _, t := range cfg.Subscribe {
					g.Lit(t)
				}
			}))
		}
		if cfg.SubscribePattern != nil {
			d.set("SubscribePattern", genutil.RT(kafkaPkg, "SubscribePattern").Call(Lit(kafka.PatternText(cfg.SubscribePattern))))
		}
		if cfg.Assign != nil {
			d.set("Assign", Map(String()).Index().Int32().Values(DictFunc(func(d Dict) {
				for t, ps := range cfg.Assign {
					d[Lit(t)] = ValuesFunc(func(g *Group) {
						for _, p := range ps {
							g.Lit(int(p))
						}
					})
				}
			})))
		}
		d.set("StartingOffsets", startingOffsets(cfg.StartingOffsets))
		d.int64("MaxOffsetsPerTrigger", cfg.MaxOffsetsPerTrigger)
		d.int64("MinOffsetsPerTrigger", cfg.MinOffsetsPerTrigger)
		d.duration("MaxTriggerDelay", cfg.MaxTriggerDelay)
		d.bool("FailOnDataLoss", cfg.FailOnDataLoss)
		d.bool("IncludeHeaders", cfg.IncludeHeaders)
		d.string("GroupIDPrefix", cfg.GroupIDPrefix)
		d.int64("FetchRetries", int64(cfg.FetchRetries))
		d.duration("FetchRetryInterval", cfg.FetchRetryInterval)
		d.duration("PollTimeout", cfg.PollTimeout)
		d.duration("RetryTimeout", cfg.RetryTimeout)
		d.bool("RetryTimeoutSet", cfg.RetryTimeoutSet)
		if cfg.IsolationLevel == kafka.ReadCommitted {
			d.set("IsolationLevel", genutil.RT(kafkaPkg, "ReadCommitted"))
		}
		d.int64("MaxPartitionBytes", int64(cfg.MaxPartitionBytes))
		d.duration("FetchMaxWait", cfg.FetchMaxWait)
		if len(cfg.Kafka) > 0 {
			d.set("Kafka", Map(String()).String().Values(DictFunc(func(d Dict) {
				for k, v := range cfg.Kafka {
					d[Lit(k)] = Lit(v)
				}
			})))
		}
	})
}

// startingOffsets is the kafka.StartingOffsets literal of so.
func startingOffsets(so kafka.StartingOffsets) *Statement {
	offset := func(o int64) *Statement {
		switch o {
		case kafka.OffsetEarliest:
			return genutil.RT(kafkaPkg, "OffsetEarliest")
		case kafka.OffsetLatest:
			return genutil.RT(kafkaPkg, "OffsetLatest")
		}
		return Lit(int(o))
	}
	return genutil.RT(kafkaPkg, "StartingOffsets").Values(DictFunc(func(d Dict) {
		d[Id("Default")] = offset(so.Default)
		if so.Specific != nil {
			d[Id("Specific")] = genutil.RT(kafkaPkg, "Offsets").Values(DictFunc(func(d Dict) {
				for t, ps := range so.Specific {
					parts := make([]int32, 0, len(ps))
					for p := range ps {
						parts = append(parts, p)
					}
					slices.Sort(parts)
					d[Lit(t)] = ValuesFunc(func(g *Group) {
						for _, p := range parts {
							g.Lit(int(p)).Op(":").Add(offset(ps[p]))
						}
					})
				}
			}))
		}
	}))
}

// csvOptions is the *csvx.Options literal of o with the session time zone.
func (c *compiler) csvOptions(o *csvx.Options) *Statement {
	return Op("&").Add(literal(genutil.RT(genutil.CSVX, "Options"), func(d *fields) {
		d.string("Sep", o.Sep)
		d.byte("Quote", o.Quote)
		d.byte("Escape", o.Escape)
		d.byte("CharToEscapeQuoteEscaping", o.CharToEscapeQuoteEscaping)
		d.string("NullValue", o.NullValue)
		d.string("EmptyValue", o.EmptyValue)
		d.string("NanValue", o.NanValue)
		d.string("PositiveInf", o.PositiveInf)
		d.string("NegativeInf", o.NegativeInf)
		d.bool("IgnoreLeadingWhiteSpace", o.IgnoreLeadingWhiteSpace)
		d.bool("IgnoreTrailingWhiteSpace", o.IgnoreTrailingWhiteSpace)
		d.bool("QuoteAll", o.QuoteAll)
		d.bool("EscapeQuotes", o.EscapeQuotes)
		if c.q.TimeZone != "" && c.q.TimeZone != "UTC" {
			d.set("Loc", c.loc())
		}
	}))
}

// kafkaSinkConfig is the kafkasink.Config literal of a kafka sink.
func kafkaSinkConfig(cfg *kafkart.Config) *Statement {
	if cfg == nil { // a plan built without the checker
		d := kafkart.DefaultConfig()
		cfg = &d
	}
	return literal(genutil.RT(kafkasinkPkg, "Config"), func(d *fields) {
		d.string("Topic", cfg.Topic)
		switch cfg.Acks {
		case kafkart.AcksLeader:
			d.set("Acks", genutil.RT(kafkasinkPkg, "AcksLeader"))
		case kafkart.AcksNone:
			d.set("Acks", genutil.RT(kafkasinkPkg, "AcksNone"))
		}
		d.duration("Linger", cfg.Linger)
		d.duration("DeliveryTimeout", cfg.DeliveryTimeout)
		d.int64("MaxRequestSize", int64(cfg.MaxRequestSize))
		d.string("Compression", cfg.Compression)
		d.duration("RetryTimeout", cfg.RetryTimeout)
		d.bool("RetryTimeoutSet", cfg.RetryTimeoutSet)
		if len(cfg.Kafka) > 0 {
			d.set("Kafka", Map(String()).String().Values(DictFunc(func(d Dict) {
				for k, v := range cfg.Kafka {
					d[Lit(k)] = Lit(v)
				}
			})))
		}
	})
}

// registryOptions is the confluent.RegistryOptions literal of a query's
// Schema Registry.
func registryOptions(o *confluentrt.RegistryOptions) *Statement {
	if o == nil { // a plan built without the checker
		o = &confluentrt.RegistryOptions{}
	}
	return literal(genutil.RT(confluentPkg, "RegistryOptions"), func(d *fields) {
		d.string("URL", o.URL)
		d.string("BasicAuthUserInfo", o.BasicAuthUserInfo)
		d.string("BearerToken", o.BearerToken)
		d.string("CALocation", o.CALocation)
	})
}

// consoleOptions is the consolesink.Options literal of a console sink.
func consoleOptions(o *consolert.Options) *Statement {
	if o == nil { // a plan built without the checker
		d := consolert.DefaultOptions()
		o = &d
	}
	return literal(genutil.RT(consolesink, "Options"), func(d *fields) {
		d.int64("NumRows", int64(o.NumRows))
		d.bool("Truncate", o.Truncate)
	})
}

// fileSinkOptions is the filesink.Options literal of a json or csv sink.
func (c *compiler) fileSinkOptions(q *plan.Query, f *ir.FileOptions) *Statement {
	if f == nil { // a plan built without the checker
		f = &ir.FileOptions{Format: q.Sink.Format}
	}
	return genutil.RT(filesink, "Options").Values(DictFunc(func(d Dict) {
		d[Id("Format")] = Lit(f.Format)
		if f.Header {
			d[Id("Header")] = New(Id(q.Row.GoName)).Dot("AppendCSVHeader").Call(Nil(), c.csvSinkOptions())
		}
	}))
}

func (f *fields) bool(name string, v bool) {
	if v {
		f.set(name, True())
	}
}

func (f *fields) string(name, v string) {
	if v != "" {
		f.set(name, Lit(v))
	}
}

func (f *fields) int64(name string, v int64) {
	if v != 0 {
		f.set(name, Lit(int(v)))
	}
}

func (f *fields) byte(name string, v byte) {
	if v != 0 {
		f.set(name, LitRune(rune(v)))
	}
}

func (f *fields) duration(name string, v time.Duration) {
	if v != 0 {
		f.set(name, duration(v))
	}
}
