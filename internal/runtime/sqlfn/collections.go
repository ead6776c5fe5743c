package sqlfn

import "strconv"

// Collections are Go slices (arrays) and slices of sqltypes.Entry (maps) in
// generated code; these helpers hold the index rules.
//
// size(x): len of a non-null array or map. size(NULL) is -1 in Spark 3.5
// (spark.sql.legacy.sizeOfNull is true unless ANSI is on, where it is
// NULL): the emitter handles NULL.
//
// array_contains(arr, v): NULL when arr or v is NULL; true when an element
// equals v; otherwise NULL if arr has a NULL element, else false. The
// emitter loops inline (element comparison is type-specific: doubles by
// CompareDouble, so NaN equals NaN).
//
// m[key] and element_at(m, key) on maps: the value of the first entry with
// an equal key (NULL when none, in both modes since Spark 3.4).

// ElementAtIndex is element_at(arr, i) on an array of length n: the 0-based
// slice index for the 1-based i (negative i counts from the end). ok is
// false (NULL) when |i| > n; i = 0 is an error in every mode
// (INVALID_INDEX_OF_ZERO).
func ElementAtIndex(n int, i int32) (idx int, ok bool, err error) {
	switch {
	case i == 0:
		return 0, false, &Error{"INVALID_INDEX_OF_ZERO", "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1)."}
	case i > 0 && int64(i) <= int64(n):
		return int(i) - 1, true, nil
	case i < 0 && -int64(i) <= int64(n):
		return n + int(i), true, nil
	}
	return 0, false, nil
}

// ElementAtIndexANSI is ElementAtIndex under ANSI: out of bounds is
// INVALID_ARRAY_INDEX_IN_ELEMENT_AT.
func ElementAtIndexANSI(n int, i int32) (int, error) {
	idx, ok, err := ElementAtIndex(n, i)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, &Error{"INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "The index " + strconv.Itoa(int(i)) + " is out of bounds. The array has " +
			strconv.Itoa(n) + " elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. " + ansiHint}
	}
	return idx, nil
}

// ArrayIndex is arr[i] (GetArrayItem, 0-based): ok is false (NULL) out of
// range.
func ArrayIndex(n int, i int64) (int, bool) {
	if i < 0 || i >= int64(n) {
		return 0, false
	}
	return int(i), true
}

// ArrayIndexANSI is arr[i] under ANSI: INVALID_ARRAY_INDEX out of range.
func ArrayIndexANSI(n int, i int64) (int, error) {
	idx, ok := ArrayIndex(n, i)
	if !ok {
		return 0, &Error{"INVALID_ARRAY_INDEX", "The index " + strconv.FormatInt(i, 10) + " is out of bounds. The array has " +
			strconv.Itoa(n) + " elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. " + ansiHint}
	}
	return idx, nil
}
