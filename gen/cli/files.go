package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/runtime/sink/filesink"
)

// newFilesCmd reads a file sink's committed output: only files whose batch
// is in the manifest log, so a reader never sees a partial or replayed batch.
func newFilesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "files",
		Short: "Read the committed output of a file sink",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list PATH",
		Short: "List the committed files of a file sink, in batch order",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := filesink.List(args[0])
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintf(cmd.OutOrStdout(), "%d\t%d\t%d\t%s\n", f.Batch, f.Rows, f.Size, f.Path)
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "cat PATH",
		Short: "Print the committed rows of a file sink, in batch order",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := cmd.OutOrStdout()
			return filesink.ReadLines(args[0], func(line []byte) error {
				_, err := fmt.Fprintf(out, "%s\n", line)
				return err
			})
		},
	})
	return cmd
}
