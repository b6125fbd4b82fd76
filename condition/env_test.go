package condition

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewSubjectNormalisesData(t *testing.T) {
	type point struct{ X int }
	name := "pointer"
	subject := NewSubject("c", "n", "r", []string{"vip", "vip", ""}, map[string]any{
		"int":       7,
		"uint8":     uint8(200),
		"float32":   float32(1.5),
		"strings":   []string{"a", "b"},
		"array":     [2]int{1, 2},
		"intKeys":   map[int]string{1: "one"},
		"boolKeys":  map[bool]int{true: 1},
		"typedMap":  map[string]int{"a": 1},
		"pointer":   &name,
		"nilPtr":    (*string)(nil),
		"nilSlice":  []any(nil),
		"struct":    point{X: 1},
		"time":      time.Unix(0, 0),
		"func":      func() {},
		"interface": any(map[string]any{"deep": []any{int64(3)}}),
	})
	want := map[string]any{
		"int":       7.0,
		"uint8":     200.0,
		"float32":   1.5,
		"strings":   []any{"a", "b"},
		"array":     []any{1.0, 2.0},
		"intKeys":   map[string]any{"1": "one"},
		"boolKeys":  map[string]any{"true": 1.0},
		"typedMap":  map[string]any{"a": 1.0},
		"pointer":   "pointer",
		"nilPtr":    nil,
		"nilSlice":  nil,
		"struct":    nil,
		"time":      nil,
		"func":      nil,
		"interface": map[string]any{"deep": []any{3.0}},
	}
	assert.Equal(t, want, subject.data)
	assert.Equal(t, customerView{ID: "c", Name: "n", ReferenceID: "r", Tags: map[string]bool{"vip": true, "": true}}, subject.customer)
}

func TestNewSubjectCopiesItsArguments(t *testing.T) {
	tags := []string{"vip"}
	nested := map[string]any{"tier": "gold"}
	data := map[string]any{"plan": nested, "list": []any{"a"}}
	subject := NewSubject("c", "n", "r", tags, data)

	tags[0] = "changed"
	nested["tier"] = "changed"
	data["list"].([]any)[0] = "changed"
	data["added"] = true

	got, err := compileAndEval(t, `"vip" in customer.tags && data.plan.tier == "gold" && data.list[0] == "a" && !("added" in data)`,
		Input{Subject: subject})
	require.NoError(t, err)
	assert.True(t, got)
}

func TestNewSubjectCutsCyclesAndDepth(t *testing.T) {
	cycle := map[string]any{"name": "loop"}
	cycle["self"] = cycle
	subject := NewSubject("", "", "", nil, map[string]any{"cycle": cycle})

	// data is level 0, data.cycle level 1; maps are kept down to level 64,
	// and their contents below that read as nil.
	levels := 0
	value := subject.data.(map[string]any)["cycle"]
	for value != nil {
		object, ok := value.(map[string]any)
		require.True(t, ok)
		levels++
		if levels < maxDataDepth {
			assert.Equal(t, "loop", object["name"], "level %d", levels)
		} else {
			assert.Nil(t, object["name"], "level %d", levels)
		}
		value = object["self"]
	}
	assert.Equal(t, maxDataDepth, levels)

	var selfPointer any
	selfPointer = &selfPointer
	subject = NewSubject("", "", "", nil, map[string]any{"pointer": selfPointer})
	assert.Equal(t, map[string]any{"pointer": nil}, subject.data)
}

func TestNewSubjectBoundsSharedStructures(t *testing.T) {
	// 40 levels of a map holding the same map twice: 2^40 paths if copied
	// naively.
	shared := map[string]any{"leaf": true}
	for range 40 {
		shared = map[string]any{"left": shared, "right": shared}
	}
	subject := NewSubject("", "", "", nil, map[string]any{"tree": shared})

	count := 0
	var walk func(any)
	walk = func(value any) {
		count++
		if object, ok := value.(map[string]any); ok {
			for _, child := range object {
				walk(child)
			}
		}
	}
	walk(subject.data)
	assert.LessOrEqual(t, count, maxDataValues+1)
}
