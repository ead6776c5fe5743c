// Package queryrt holds the small helpers that generated query processors
// share and that belong to no SQL function: constants built once at package
// initialisation (decimals, patterns, CSV options), byte/string views that
// avoid copies a sink would make anyway, and LIKE matching.
package queryrt
