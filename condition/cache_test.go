package condition

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A text compiled while its program is alive gives that same program; once
// no one holds it, it is collected and its cache entry goes away.
func TestCompileSharesLivePrograms(t *testing.T) {
	text := `"cache-test" in customer.tags && hour >= 9`
	a, err := Compile(text)
	require.NoError(t, err)
	b, err := Compile(strings.Clone(text))
	require.NoError(t, err)
	assert.Same(t, a, b, "the same text while a program is alive")

	other, err := Compile(text + " && minute < 30")
	require.NoError(t, err)
	assert.NotSame(t, a, other)

	_, err = Compile(`hour >= `)
	require.Error(t, err)
	before := cacheSize()
	a, b, other = nil, nil, nil
	deadline := time.Now().Add(5 * time.Second)
	for cacheSize() > before-2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, cacheSize(), before-2, "entries of collected programs are removed")
}

// Programs that share a cache entry evaluate independently, from many
// goroutines, with the shared pool of evaluation states.
func TestSharedProgramsEvaluateConcurrently(t *testing.T) {
	p, err := Compile(`hour >= 9 && "vip" in customer.tags`)
	require.NoError(t, err)
	vip := NewSubject("a", "A", "", []string{"vip"}, nil)
	plain := NewSubject("b", "B", "", nil, nil)
	done := make(chan bool)
	for g := range 4 {
		go func() {
			ok := true
			for i := range 2000 {
				q, _ := Compile(`hour >= 9 && "vip" in customer.tags`)
				subject := plain
				if (i+g)%2 == 0 {
					subject = vip
				}
				at := time.Date(2026, 12, 2, 8+i%3, 0, 0, 0, time.UTC)
				got, err := q.Eval(Input{Now: at, Subject: subject})
				want := at.Hour() >= 9 && subject == vip
				ok = ok && err == nil && got == want
			}
			done <- ok
		}()
	}
	for range 4 {
		assert.True(t, <-done)
	}
	runtime.KeepAlive(p)
}

// Compilations running at once each take their own pooled expr
// configuration; the programs they give evaluate correctly (run with -race).
func TestConcurrentCompilesOfDistinctTexts(t *testing.T) {
	in := Input{Now: time.Date(2026, 12, 2, 10, 30, 0, 0, time.UTC), Subject: NewSubject("a", "Acme", "", []string{"vip"}, map[string]any{"seats": 12.0})}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			var failure error
			for k := range 50 {
				n := g*50 + k
				text := fmt.Sprintf(`hour == 10 && data.seats > %d && "vip" in customer.tags`, n%20)
				p, err := Compile(text)
				if err != nil {
					failure = err
					break
				}
				got, err := p.Eval(in)
				if err != nil || got != (12 > n%20) {
					failure = fmt.Errorf("%s: %v %v", text, got, err)
					break
				}
			}
			errs <- failure
		}()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
}
