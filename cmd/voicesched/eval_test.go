package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// When stdin fails, the answers so far are written and the exit status is 1.
func TestEvalStdinError(t *testing.T) {
	in := &failingReader{data: []byte(`{"id":1,"at":"2026-01-01T00:00:00Z","schedule":{}}` + "\n"), err: errors.New("device unplugged")}
	var out, errOut bytes.Buffer
	c := &cli{stdin: in, stdout: &out, stderr: &errOut, now: time.Now}
	status := c.run([]string{"eval"})
	assert.Equal(t, exitFail, status)
	assert.JSONEq(t, `{"id":1,"stateName":"Open","timeZoneId":"UTC","reason":"fallback"}`, strings.TrimSpace(out.String()))
	assert.Equal(t, "voicesched: cannot read requests from stdin: device unplugged.\n", errOut.String())
}
