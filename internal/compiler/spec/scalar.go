package spec

// Str is a YAML scalar with its position. Set is false when the key was absent.
type Str struct {
	Value string
	Pos   Pos
	Set   bool
	// Quoted is the scalar's quote character ('\'' or '"'), 0 for a plain
	// scalar, '|' or '>' for a block scalar; expression errors use it to map an
	// offset inside Value to a column.
	Quoted byte
}

// Int is an integer scalar with its position.
type Int struct {
	Value int64
	Pos   Pos
	Set   bool
}

// Bool is a boolean scalar with its position.
type Bool struct {
	Value bool
	Pos   Pos
	Set   bool
}

// Entry is one key of a Map, in file order.
type Entry[T any] struct {
	Key    string
	KeyPos Pos
	Value  T
}

// Map is a YAML mapping whose order matters (options, columns, queries).
type Map[T any] []Entry[T]

// Get returns the value for key and whether it is present.
func (m Map[T]) Get(key string) (T, bool) {
	for _, e := range m {
		if e.Key == key {
			return e.Value, true
		}
	}
	var zero T
	return zero, false
}

// Keys returns the keys in order.
func (m Map[T]) Keys() []string {
	keys := make([]string, len(m))
	for i, e := range m {
		keys[i] = e.Key
	}
	return keys
}
