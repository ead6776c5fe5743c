package testval

import (
	"reflect"
)

// MirrorType returns the type encoding/json would decode the same JSON into:
// sqltypes.Null[T] becomes *T, map entry slices become map[string]V, named
// integer types their underlying type; field names stay, so a schema whose
// column names are exported Go names lines up. It is the baseline for
// differential tests and benchmarks against encoding/json.
func MirrorType(t reflect.Type) reflect.Type {
	switch {
	case isNull(t):
		return reflect.PointerTo(MirrorType(t.Field(0).Type))
	case t.Kind() == reflect.Slice && isEntry(t.Elem()):
		return reflect.MapOf(MirrorType(t.Elem().Field(0).Type), MirrorType(t.Elem().Field(1).Type))
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		return reflect.SliceOf(MirrorType(t.Elem()))
	case t.Kind() == reflect.Struct && t != decimalType:
		fields := make([]reflect.StructField, 0, t.NumField())
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fields = append(fields, reflect.StructField{Name: f.Name, Type: MirrorType(f.Type)})
		}
		return reflect.StructOf(fields)
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64 || t.Kind() == reflect.String || t.Kind() == reflect.Bool:
		return basic(t.Kind())
	}
	return t
}

func basic(k reflect.Kind) reflect.Type {
	switch k {
	case reflect.Bool:
		return reflect.TypeOf(false)
	case reflect.Int8:
		return reflect.TypeOf(int8(0))
	case reflect.Int16:
		return reflect.TypeOf(int16(0))
	case reflect.Int32:
		return reflect.TypeOf(int32(0))
	case reflect.Int64:
		return reflect.TypeOf(int64(0))
	case reflect.Float32:
		return reflect.TypeOf(float32(0))
	case reflect.Float64:
		return reflect.TypeOf(float64(0))
	}
	return reflect.TypeOf("")
}

// NewMirror returns a pointer to a zero mirror of the struct v points to.
func NewMirror(v any) any {
	return reflect.New(MirrorType(reflect.TypeOf(v).Elem())).Interface()
}

// ToMirror converts the value v points to into its mirror form, returned as a
// pointer.
func ToMirror(v any) any {
	src := reflect.ValueOf(v).Elem()
	dst := reflect.New(MirrorType(src.Type()))
	toMirror(src, dst.Elem())
	return dst.Interface()
}

func toMirror(src, dst reflect.Value) {
	t := src.Type()
	switch {
	case isNull(t):
		if src.Field(1).Bool() {
			p := reflect.New(dst.Type().Elem())
			toMirror(src.Field(0), p.Elem())
			dst.Set(p)
		}
	case t.Kind() == reflect.Slice && isEntry(t.Elem()):
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(dst.Type(), src.Len())
		for i := 0; i < src.Len(); i++ {
			k := reflect.New(dst.Type().Key()).Elem()
			val := reflect.New(dst.Type().Elem()).Elem()
			toMirror(src.Index(i).Field(0), k)
			toMirror(src.Index(i).Field(1), val)
			m.SetMapIndex(k, val)
		}
		dst.Set(m)
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			toMirror(src.Index(i), s.Index(i))
		}
		dst.Set(s)
	case t.Kind() == reflect.Struct && t != decimalType:
		j := 0
		for i := 0; i < t.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			toMirror(src.Field(i), dst.Field(j))
			j++
		}
	default:
		dst.Set(src.Convert(dst.Type()))
	}
}
