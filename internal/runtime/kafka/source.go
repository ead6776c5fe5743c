package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	kafkago "github.com/segmentio/kafka-go"
)

// Source is a query's Kafka source: it discovers partitions, looks up
// offsets and commits them to the consumer group; PartitionReaders read.
// It is safe for concurrent use.
type Source struct {
	cfg     *SourceConfig
	log     *slog.Logger
	client  *kafkago.Client
	groupID string
}

// NewSource returns a source; groupID is where offsets are committed after
// each batch for lag tools ("" to not commit).
func NewSource(cfg *SourceConfig, groupID string, log *slog.Logger) *Source {
	if log == nil {
		log = slog.Default()
	}
	return &Source{cfg: cfg, log: log, client: cfg.Client.NewClient(), groupID: groupID}
}

// Config returns the source's options.
func (s *Source) Config() *SourceConfig { return s.cfg }

// GroupID returns the consumer group offsets are committed to.
func (s *Source) GroupID() string { return s.groupID }

// Close releases connections.
func (s *Source) Close() {
	if t, ok := s.client.Transport.(*kafkago.Transport); ok {
		t.CloseIdleConnections()
	}
}

// retry is the source's retry policy: the retry timeout, else
// kafkaConsumer.pollTimeoutMs.
func (s *Source) retry() RetryPolicy { return s.cfg.Client.RetryPolicy(s.cfg.PollTimeout) }

// topicsOf names the topics of tps for messages.
func topicsOf(tps []TopicPartition) string {
	var names []string
	for _, tp := range tps {
		if len(names) == 0 || names[len(names)-1] != tp.Topic {
			names = append(names, tp.Topic)
		}
	}
	return strings.Join(names, ",")
}

// Partitions discovers the partitions the source reads, sorted: the
// subscribed topics' partitions, those of topics matching the pattern
// (internal topics excluded, as the Java consumer does), or the assigned
// ones that exist. A subscribed topic that does not exist yet has none.
func (s *Source) Partitions(ctx context.Context) ([]TopicPartition, error) {
	var topics []string
	if s.cfg.SubscribePattern == nil {
		topics = s.cfg.Subscribe
		for t := range s.cfg.Assign {
			topics = append(topics, t)
		}
	}
	var md *kafkago.MetadataResponse
	what := "metadata for " + strings.Join(topics, ",")
	if s.cfg.SubscribePattern != nil {
		what = "metadata for topics matching " + s.cfg.SubscribePattern.String()
	}
	err := Retry(ctx, s.log, what, s.retry(), func(ctx context.Context) error {
		var err error
		md, err = s.client.Metadata(ctx, &kafkago.MetadataRequest{Topics: topics})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("kafka source: discover partitions: %w", err)
	}
	var out []TopicPartition
	for _, t := range md.Topics {
		if t.Error != nil {
			if errors.Is(t.Error, kafkago.UnknownTopicOrPartition) {
				continue
			}
			return nil, fmt.Errorf("kafka source: metadata of topic %s: %w", t.Name, t.Error)
		}
		switch {
		case s.cfg.SubscribePattern != nil:
			if t.Internal || strings.HasPrefix(t.Name, "__") || !s.cfg.SubscribePattern.MatchString(t.Name) {
				continue
			}
		case s.cfg.Assign != nil:
			for _, p := range s.cfg.Assign[t.Name] {
				if p < int32(len(t.Partitions)) {
					out = append(out, TopicPartition{t.Name, p})
				}
			}
			continue
		}
		for _, p := range t.Partitions {
			out = append(out, TopicPartition{t.Name, int32(p.ID)})
		}
	}
	SortPartitions(out)
	return out, nil
}

// EarliestOffsets returns the log start offsets of tps.
func (s *Source) EarliestOffsets(ctx context.Context, tps []TopicPartition) (Offsets, error) {
	return s.listOffsets(ctx, tps, kafkago.FirstOffset)
}

// LatestOffsets returns the offsets after the last readable record of tps:
// the high-water marks, or the last stable offsets with
// kafka.isolation.level=read_committed.
func (s *Source) LatestOffsets(ctx context.Context, tps []TopicPartition) (Offsets, error) {
	return s.listOffsets(ctx, tps, kafkago.LastOffset)
}

func (s *Source) listOffsets(ctx context.Context, tps []TopicPartition, which int64) (Offsets, error) {
	out := Offsets{}
	if len(tps) == 0 {
		return out, nil
	}
	req := &kafkago.ListOffsetsRequest{Topics: map[string][]kafkago.OffsetRequest{}, IsolationLevel: s.cfg.IsolationLevel}
	for _, tp := range tps {
		req.Topics[tp.Topic] = append(req.Topics[tp.Topic], kafkago.OffsetRequest{Partition: int(tp.Partition), Timestamp: which})
	}
	name := map[int64]string{kafkago.FirstOffset: "earliest", kafkago.LastOffset: "latest"}[which]
	err := Retry(ctx, s.log, "list "+name+" offsets for "+topicsOf(tps), s.retry(), func(ctx context.Context) error {
		res, err := s.client.ListOffsets(ctx, req)
		if err != nil {
			return err
		}
		for t, ps := range res.Topics {
			for _, p := range ps {
				if errors.Is(p.Error, kafkago.Unknown) {
					return fmt.Errorf("%s-%d: %w: %w", t, p.Partition, errConnectionLost, p.Error)
				}
				if p.Error != nil {
					return fmt.Errorf("%s-%d: %w", t, p.Partition, p.Error)
				}
				off := p.LastOffset
				if which == kafkago.FirstOffset {
					off = p.FirstOffset
				}
				out.Set(TopicPartition{t, int32(p.Partition)}, off)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kafka source: list %s offsets: %w", name, err)
	}
	for _, tp := range tps {
		if _, ok := out.Get(tp); !ok {
			return nil, fmt.Errorf("kafka source: list %s offsets: no answer for %s", name, tp)
		}
	}
	return out, nil
}

// StartingOffsets resolves the startingOffsets option for a query's first
// start: earliest and latest (and -2/-1 in the JSON form) become concrete
// offsets. As in Spark, the JSON form must name every partition.
func (s *Source) StartingOffsets(ctx context.Context, tps []TopicPartition) (Offsets, error) {
	so := s.cfg.StartingOffsets
	if so.Specific != nil {
		var missing []string
		for _, tp := range tps {
			if _, ok := so.Specific.Get(tp); !ok {
				missing = append(missing, tp.String())
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("kafka source: startingOffsets must name every partition (use -2 for earliest, -1 for latest); missing %s", strings.Join(missing, ", "))
		}
	}
	earliest, err := s.EarliestOffsets(ctx, tps)
	if err != nil {
		return nil, err
	}
	latest, err := s.LatestOffsets(ctx, tps)
	if err != nil {
		return nil, err
	}
	out := Offsets{}
	for _, tp := range tps {
		want := so.Default
		if so.Specific != nil {
			want, _ = so.Specific.Get(tp)
		}
		switch want {
		case OffsetEarliest:
			want, _ = earliest.Get(tp)
		case OffsetLatest:
			want, _ = latest.Get(tp)
		}
		out.Set(tp, want)
	}
	return out, nil
}

// CommitGroup records offsets (next offsets to read) in the consumer group,
// as a consumer outside any generation would, so lag tools show the query.
// The checkpoint stays the source of truth: these are never read back.
func (s *Source) CommitGroup(ctx context.Context, offsets Offsets) error {
	if s.groupID == "" || offsets.Len() == 0 {
		return nil
	}
	req := &kafkago.OffsetCommitRequest{GroupID: s.groupID, GenerationID: -1, Topics: map[string][]kafkago.OffsetCommit{}}
	for _, tp := range offsets.Partitions() {
		off, _ := offsets.Get(tp)
		req.Topics[tp.Topic] = append(req.Topics[tp.Topic], kafkago.OffsetCommit{Partition: int(tp.Partition), Offset: off})
	}
	err := Retry(ctx, s.log, "commit offsets to group "+s.groupID, s.retry(), func(ctx context.Context) error {
		res, err := s.client.OffsetCommit(ctx, req)
		if err != nil {
			return err
		}
		for t, ps := range res.Topics {
			for _, p := range ps {
				if p.Error != nil {
					return fmt.Errorf("%s-%d: %w", t, p.Partition, p.Error)
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("kafka source: commit offsets to group %s: %w", s.groupID, err)
	}
	return nil
}
