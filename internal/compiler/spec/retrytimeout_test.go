package spec

import (
	"strings"
	"testing"
)

func TestRetryTimeoutValidation(t *testing.T) {
	base := `version: "1"
kafka: {bootstrap.servers: "localhost:9092"}
apps:
  a:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: in}}
        writeStream: {format: console}
`
	for _, ok := range []string{"2 minutes", "30s", "interval 1 minute 30 seconds", "0"} {
		if _, err := Parse("p.yaml", []byte(base+"retryTimeout: "+ok+"\n")); err != nil {
			t.Errorf("retryTimeout %q: %v", ok, err)
		}
	}
	for _, bad := range []string{"1 month", "soon", "-5s"} {
		_, err := Parse("p.yaml", []byte(base+"retryTimeout: "+bad+"\n"))
		if err == nil || !strings.Contains(err.Error(), "p.yaml:9:15: retryTimeout") {
			t.Errorf("retryTimeout %q: error %v, want one at p.yaml:9:15", bad, err)
		}
	}
}
