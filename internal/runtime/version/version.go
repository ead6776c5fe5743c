// Package version lets generated code assert, at compile time, that it is
// linked with a runtime it was generated for, the way protobuf-go's generated
// code uses protoimpl.EnforceVersion.
//
// Every generated package contains
//
//	const (
//		_ = version.EnforceVersion(version.GenVersion - N) // generated code is not too new
//		_ = version.EnforceVersion(N - version.MinVersion) // runtime is not too new
//	)
//
// where N is the GenVersion of the generator that wrote it. A negative
// constant converted to the unsigned EnforceVersion does not compile, so skew
// fails the build, not the job at 3 a.m.
//
// If the build fails on one of those lines: regenerate with the streamc that
// matches the runtime module in go.mod (go run, or `go tool streamc` with the
// tool directive, keeps them in step), or upgrade the runtime module.
package version

// EnforceVersion is used by generated code: see the package documentation.
type EnforceVersion uint

const (
	// GenVersion is the version of generated code this runtime supports at most,
	// and the version the generator in this module emits.
	GenVersion = 1
	// MinVersion is the oldest generated code this runtime still supports.
	MinVersion = 1
)

// String is the streamc release, printed by `streamc version` and the
// generated programs' --version.
const String = "0.1.0"
