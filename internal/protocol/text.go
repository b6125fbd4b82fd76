package protocol

import (
	"fmt"
	"strings"
)

// Sentence makes msg read as one sentence: a capital first letter is not
// forced (ids and paths start messages), a full stop is added when missing.
func Sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "failed."
	}
	switch msg[len(msg)-1] {
	case '.', '?', '!':
		return msg
	}
	return msg + "."
}

// JSONKind names a Go type the way a JSON author thinks of it, for
// messages about a value of the wrong kind: "a list", "a string", ….
func JSONKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case strings.HasPrefix(goType, "map"), strings.Contains(goType, "."):
		return "an object"
	}
	return goType
}

// byteSize prints a limit for people: "16 MiB", "1024 bytes".
func byteSize(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
