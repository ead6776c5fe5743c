package querygen

import (
	"fmt"
	"time"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Gen emits q.File: q.Constructor() and the query's processor, under the
// names the plan gave them.
func Gen(q *plan.Query) (_ *File, err error) {
	// An unsupported construct unwinds to here and becomes err.
	defer catch(&err)
	f := genutil.NewGoFile(q.Package, q.Package.Source)
	for path, name := range map[string]string{
		sqlfnPath: "sqlfn", queryrt: "queryrt", enginePkg: "engine", kafkaPkg: "kafka", sinkPkg: "sink", filesink: "filesink", confluentPkg: "confluent",
		consolesink: "consolesink", kafkasinkPkg: "kafkasink", sparktextPath: "sparktext",
	} {
		f.ImportName(path, name)
	}
	procType := q.Processor
	// A first compilation finds the locals that hold columns, so that
	// the second names them after the columns.
	first := newCompiler(q)
	first.process(procType)
	c := newCompiler(q)
	c.hints = first.holds
	process := c.process(procType)
	c.finish()

	genutil.DocComment(f, fmt.Sprintf("%s is query %q of %s.", q.Constructor, q.Name, q.Package.Source))
	f.Func().Id(q.Constructor).Params().Add(genutil.RT(enginePkg, "Query")).Block(
		Return(genutil.RT(enginePkg, "Query").Values(DictFunc(func(d Dict) {
			d[Id("Name")] = Lit(q.Name)
			d[Id("Source")] = sourceConfig(q.Source.Config)
			d[Id("Checkpoint")] = Lit(q.Checkpoint)
			d[Id("Trigger")] = trigger(q)
			d[Id("Sink")] = sinkFactory(c, q)
			if len(c.prepares) > 0 {
				d[Id("Prepare")] = prepare(c, q, procType)
				return
			}
			d[Id("NewProcessor")] = Func().Params().Add(genutil.RT(enginePkg, "Processor")).Block(
				Return(Id(q.NewProcessor).Call()),
			)
		}))),
	)

	if c.needLoc {
		f.Comment("The session time zone, loaded once.")
		f.Var().Id(q.LocVar()).Op("=").Add(genutil.RT(queryrt, "Location")).Call(Lit(q.TimeZone))
	}
	if len(c.fieldConsts) > 0 {
		f.Comment("The fields the query reads of its JSON input: the decoder skips the rest.")
		f.Const().DefsFunc(func(g *Group) {
			for _, k := range c.fieldConsts {
				g.Add(k)
			}
		})
	}
	if len(c.globals) > 0 {
		f.Comment("Constants of the query, as variables: Go must not fold their arithmetic")
		f.Comment("(the JVM rounds every step), and patterns compile once.")
		f.Var().DefsFunc(func(g *Group) {
			for _, v := range c.globals {
				g.Add(v)
			}
		})
	}

	f.Commentf("%s computes query %q row by row. Its fields are buffers and", procType, q.Name)
	f.Comment("records reused from row to row, so steady-state rows allocate little.")
	f.Type().Id(procType).StructFunc(func(g *Group) {
		for _, fd := range c.fields {
			g.Add(fd)
		}
	})
	f.Func().Id(q.NewProcessor).Params().Op("*").Id(procType).BlockFunc(func(g *Group) {
		g.Id("p").Op(":=").New(Id(procType))
		for _, s := range c.inits {
			g.Add(s)
		}
		g.Return(Id("p"))
	})
	f.Comment("Process computes the output rows of one Kafka record.")
	f.Add(process)
	return f, nil
}

// process builds the Process method.
func (c *compiler) process(procType string) *Statement {
	live := liveness(c.q.Query)
	now := Null()
	st := Func().Params(Id("p").Op("*").Id(procType)).Id("Process").Params(
		Id("row").Op("*").Add(genutil.RT(kafkaPkg, "Row")), Id("emit").Add(genutil.RT(enginePkg, "Emit")),
	).Error().BlockFunc(func(g *Group) {
		g.Add(now)
		cols := c.source(g, live[0])
		c.steps(g, live, 0, cols)
		g.Return(Nil())
	})
	if c.needNow {
		// Spark fixes the current time per batch; per record is the
		// closest a record-at-a-time processor gets.
		*now = append(*now, Id("now").Op(":=").Qual("time", "Now").Call().Dot("UnixMicro").Call())
	}
	return st
}

// optionMap is a map[string]string literal of opts (jennifer sorts keys).
func optionMap(opts []ir.Option) *Statement {
	return Map(String()).String().Values(DictFunc(func(d Dict) {
		for _, o := range opts {
			d[Lit(o.Key)] = Lit(o.Value)
		}
	}))
}

// trigger is the engine's trigger for q.
func trigger(q *plan.Query) *Statement {
	switch q.Trigger.Kind {
	case "availableNow":
		return genutil.RT(enginePkg, "AvailableNow").Call()
	case "continuous":
		return genutil.RT(enginePkg, "Continuous").Call(duration(q.Trigger.Interval))
	}
	return genutil.RT(enginePkg, "ProcessingTime").Call(duration(q.Trigger.Interval))
}

// duration writes d in the largest unit that divides it.
func duration(d time.Duration) *Statement {
	if d == 0 {
		return Lit(0)
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}} {
		if d%u.d == 0 {
			return Lit(int(d/u.d)).Op("*").Qual("time", u.name)
		}
	}
	return Qual("time", "Duration").Call(Lit(int64(d)))
}

// sinkFactory is the engine's sink for q.
func sinkFactory(c *compiler, q *plan.Query) *Statement {
	s := q.Sink
	switch s.Format {
	case "kafka":
		return genutil.RT(enginePkg, "KafkaSink").Call(kafkaSinkConfig(s.KafkaConfig))
	case "console":
		return genutil.RT(enginePkg, "ConsoleSink").Call(append([]Code{consoleOptions(s.Console)}, consoleColumns(q)...)...)
	case "json", "csv":
		return genutil.RT(enginePkg, "FileSink").Call(Lit(s.Path), c.fileSinkOptions(q, s.File))
	}
	c.unsupported("sink format %q", s.Format)
	return nil
}

// prepare emits Query.Prepare: the registry client and what the query's
// processors share, made once as the query starts.
func prepare(c *compiler, q *plan.Query, procType string) *Statement {
	return Func().Params(Id("env").Add(genutil.RT(enginePkg, "SinkEnv"))).Params(Func().Params().Add(genutil.RT(enginePkg, "Processor")), Error()).BlockFunc(func(g *Group) {
		g.List(Id("reg"), Err()).Op(":=").Add(genutil.RT(confluentPkg, "NewRegistryOf")).Call(Id("env").Dot("RegistryURL"), registryOptions(q.RegistryConfig))
		g.If(Err().Op("!=").Nil()).Block(Return(Nil(), Qual("fmt", "Errorf").Call(Lit(q.Name+": %w"), Err())))
		for i, pf := range c.prepares {
			pf.init(g, fmt.Sprintf("v%d", i))
		}
		g.Return(Func().Params().Add(genutil.RT(enginePkg, "Processor")).BlockFunc(func(g *Group) {
			g.Id("p").Op(":=").Id(q.NewProcessor).Call()
			for i, pf := range c.prepares {
				g.Id("p").Dot(pf.field).Op("=").Id(fmt.Sprintf("v%d", i))
			}
			g.Return(Id("p"))
		}), Nil())
	})
}
