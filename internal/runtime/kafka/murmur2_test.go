package kafka

import "testing"

// Kafka's own vectors, from org.apache.kafka.common.utils.UtilsTest.testMurmur2.
func TestMurmur2KafkaVectors(t *testing.T) {
	cases := []struct {
		in   string
		want int32
	}{
		{"21", -973932308},
		{"foobar", -790332482},
		{"a-little-bit-long-string", -985981536},
		{"a-little-bit-longer-string", -1486304829},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
		{"abc", 479470107},
	}
	for _, c := range cases {
		if got := Murmur2([]byte(c.in)); got != c.want {
			t.Errorf("Murmur2(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestKeyPartition(t *testing.T) {
	// toPositive masks the sign bit: -790332482 & 0x7fffffff = 1357151166.
	if got, want := KeyPartition([]byte("foobar"), 50), int(1357151166%50); got != want {
		t.Errorf("KeyPartition(foobar, 50) = %d, want %d", got, want)
	}
	for _, k := range []string{"", "a", "ab", "abc", "abcd", "abcde"} {
		p := KeyPartition([]byte(k), 3)
		if p < 0 || p >= 3 {
			t.Errorf("KeyPartition(%q, 3) = %d out of range", k, p)
		}
	}
}

func BenchmarkMurmur2(b *testing.B) {
	key := []byte("51500123")
	for b.Loop() {
		Murmur2(key)
	}
}
