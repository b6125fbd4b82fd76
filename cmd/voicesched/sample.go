package main

import _ "embed"

// sampleTree is testdata/sample/tree.json, embedded so that the commands
// work without --tree on a fresh machine. Go embedding cannot reach parent
// directories, so this package keeps a copy; TestSampleTreeIsCurrent fails
// when the two differ, and go generate refreshes it.
//
//go:generate cp ../../testdata/sample/tree.json sample_tree.json
//go:embed sample_tree.json
var sampleTree []byte

// sampleTreeName is how messages name the embedded tree.
const sampleTreeName = "the embedded sample tree"
