package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/devtools/broker"
	"github.com/streamc/streamc/internal/devtools/dev"
	"github.com/streamc/streamc/internal/devtools/produce"
	"github.com/streamc/streamc/internal/devtools/registry"
)

// shutdownGrace bounds how long `streamc dev` waits for requests in flight
// once told to stop.
const shutdownGrace = 5 * time.Second

func newDevCmd() *cobra.Command {
	var cfg dev.Config
	var file string
	cmd := &cobra.Command{
		Use:   "dev",
		Short: "Run a Kafka broker and a Schema Registry in this process, for development",
		Long: `Dev serves the Kafka protocol (an in-process broker; every Kafka client works
with it) and a Confluent-compatible Schema Registry, both in memory, until
interrupted. With -f it first creates every topic the spec names, with the
spec's partition counts (default 3). Topics written to without being created
are created with 3 partitions, as a default Kafka would.

It prints one line per service, then "ready":

    kafka 127.0.0.1:9092
    schema-registry http://127.0.0.1:8081
    ready`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if file != "" {
				topics, err := specTopics(file)
				if err != nil {
					return err
				}
				cfg.Topics = topics
			}
			cfg.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			env, err := dev.Start(ctx, cfg)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "kafka %s\n", env.Broker.Addr())
			fmt.Fprintf(out, "schema-registry %s\n", env.Registry.URL())
			for _, t := range cfg.Topics {
				fmt.Fprintf(out, "topic %s %d\n", t.Name, t.Partitions)
			}
			fmt.Fprintln(out, "ready")
			<-ctx.Done()
			// ctx is done; the shutdown gets a deadline of its own.
			stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
			defer cancel()
			return env.Close(stopCtx)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.KafkaAddr, "kafka-addr", broker.DefaultAddr, "address of the Kafka broker (port 0: any free port)")
	f.StringVar(&cfg.RegistryAddr, "registry-addr", registry.DefaultAddr, "address of the Schema Registry (port 0: any free port)")
	f.StringVar(&cfg.RegistryAuth, "registry-auth", "", "user:password the Schema Registry requires (basic auth)")
	f.StringVarP(&file, "file", "f", "", "a pipelines spec whose topics to create")
	cmd.AddCommand(newDevProduceCmd())
	return cmd
}

// specTopics reads the topics a spec names.
func specTopics(file string) ([]dev.Topic, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	s, err := spec.Parse(file, data)
	if err != nil {
		return nil, err
	}
	return dev.SpecTopics(s, broker.DefaultPartitions), nil
}

func newDevProduceCmd() *cobra.Command {
	opts := produce.Options{Partition: -1}
	var schemaFile string
	cmd := &cobra.Command{
		Use:   "produce [flags] FILE|-",
		Short: "Write one record per line of FILE (or standard input) to a topic",
		Long: `Produce writes one record per line of FILE, or of standard input when FILE is
"-"; empty lines are skipped. Values are the lines as they are, or with
--format confluent-avro, each JSON line encoded as Avro under --schema, which
is registered first (subject <topic>-value unless --subject), framed as
Confluent's serializers do: 0x00, the 4-byte schema id, the Avro body.

With --key-field the key is that top-level field of each JSON line, and keys
are hashed to partitions with murmur2 as the Java client does.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Topic == "" {
				return errors.New("--topic is required")
			}
			if schemaFile != "" {
				data, err := os.ReadFile(schemaFile)
				if err != nil {
					return err
				}
				opts.Schema = data
			}
			var in io.Reader = cmd.InOrStdin()
			if args[0] != "-" {
				fh, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer fh.Close()
				in = fh
			}
			opts.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelWarn}))
			res, err := produce.Run(cmd.Context(), opts, in)
			if err != nil {
				return fmt.Errorf("%w (%d records written)", err, res.Records)
			}
			if res.SchemaID > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "%d records written to %s (schema id %d)\n", res.Records, opts.Topic, res.SchemaID)
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "%d records written to %s\n", res.Records, opts.Topic)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.BootstrapServers, "bootstrap-servers", broker.DefaultAddr, "Kafka brokers, comma-separated host:port")
	f.StringVar(&opts.Topic, "topic", "", "the topic to write to (required)")
	f.StringVar(&opts.KeyField, "key-field", "", "top-level JSON field whose value is the record key")
	f.IntVar(&opts.Partition, "partition", -1, "write every record to this partition instead of hashing keys")
	f.StringVar(&opts.Format, "format", produce.FormatRaw, "value format: raw (the line as is) or confluent-avro")
	f.StringVar(&schemaFile, "schema", "", "Avro schema file (.avsc) for --format confluent-avro")
	f.StringVar(&opts.RegistryURL, "registry-url", "http://"+registry.DefaultAddr, "Schema Registry URL for --format confluent-avro")
	f.StringVar(&opts.RegistryAuth, "registry-auth", "", "user:password for the Schema Registry")
	f.StringVar(&opts.Subject, "subject", "", "subject to register the schema under (default <topic>-value)")
	return cmd
}
