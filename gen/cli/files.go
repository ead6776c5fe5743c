package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/internal/runtime/sink/filesink"
)

// newFilesCmd reads a file sink's committed output: only files its
// manifest log (Spark's _spark_metadata) lists, so a reader never sees a
// partial or replayed batch.
func newFilesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "files",
		Short: "Read the committed output of a file sink",
	}
	cat := &cobra.Command{
		Use:   "cat PATH",
		Short: "Print the committed rows of a file sink, in batch order",
		Args:  cobra.ExactArgs(1),
	}
	var opts filesink.ReadOptions
	cat.Flags().BoolVar(&opts.Header, "header", false, "skip each file's first line (the sink's CSV header=true)")
	cat.Flags().StringVar(&opts.LineSep, "line-sep", "", `the sink's lineSep (default "\n")`)
	cat.RunE = func(cmd *cobra.Command, args []string) error {
		out := cmd.OutOrStdout()
		return filesink.ReadLinesWith(args[0], opts, func(line []byte) error {
			_, err := fmt.Fprintf(out, "%s\n", line)
			return err
		})
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list PATH",
		Short: "List the committed files of a file sink, in batch order: batch, size in bytes, path",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := filesink.List(args[0])
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintf(cmd.OutOrStdout(), "%d\t%d\t%s\n", f.Batch, f.Size, f.Path)
			}
			return nil
		},
	}, cat)
	return cmd
}
