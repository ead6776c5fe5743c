// Package querygen emits one checked query as straight-line typed Go: the
// engine.Query constructor and a processor whose Process decodes a Kafka
// record, computes every live column of every step into Go locals (filters
// become ifs, generators loops) and hands each output row to the sink.
// There is no interpreter: each expression is its own Go code over
// internal/runtime/sqlfn, with Spark's NULL, arithmetic and cast rules.
package querygen

import (
	. "github.com/dave/jennifer/jen"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Import paths of the runtime packages queries use beyond genutil's.
const (
	sqlfnPath = "github.com/streamc/streamc/internal/runtime/sqlfn"
	queryrt   = "github.com/streamc/streamc/internal/runtime/queryrt"
	// confluentPkg frames Avro with a Schema Registry.
	confluentPkg = "github.com/streamc/streamc/internal/runtime/confluent"
	enginePkg    = "github.com/streamc/streamc/internal/runtime/engine"
	kafkaPkg     = "github.com/streamc/streamc/internal/runtime/kafka"
	sinkPkg      = "github.com/streamc/streamc/internal/runtime/sink"
	filesink     = "github.com/streamc/streamc/internal/runtime/sink/filesink"
	kafkasinkPkg = "github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

func sqlfn(name string) *Statement { return genutil.RT(sqlfnPath, name) }
