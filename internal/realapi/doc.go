// Package realapi tests that the packages generated from real APIs' specs
// decode each documented example as the documentation says. The wanted
// values in its tests are read from the documents, not from what errgen
// produces; each row names its source.
package realapi
