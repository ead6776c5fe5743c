package gen

// SetEmitHook makes Emit call f with each file's path; the returned func
// undoes it.
func SetEmitHook(f func(path string)) func() {
	emitHook = f
	return func() { emitHook = nil }
}
