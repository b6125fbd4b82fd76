package schedule

import (
	"fmt"
	"github.com/voicesched/voicesched/model"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/voicesched/voicesched/internal/suggest"
)

// States returns every state this schedule can answer with, each once (the
// first spelling met; states match trimmed and without regard to case).
// When it inherits, that is inherited (its parent's states) and the closed
// state: its own rules never apply. Otherwise: its rules' states, its
// defaultState (or, without one, the fallback state), and the closed state
// (an admin may force any schedule closed). Used to check the
// CustomerState rules of its children.
func (c *Compiled) States(inherited []string) []string {
	var out []string
	var seen stateSet
	add := func(state string) {
		state = strings.TrimSpace(state)
		if state != "" && !seen.has(state) {
			seen.add(state)
			out = append(out, state)
		}
	}
	if c.inherit {
		for _, state := range inherited {
			add(state)
		}
		add(c.closedState)
		return out
	}
	for k := range c.rules {
		add(c.rules[k].info.State)
	}
	if strings.TrimSpace(c.defaultState) != "" {
		add(c.defaultState)
	} else {
		add(c.fallbackState)
	}
	add(c.closedState)
	return out
}

// ParentStateProblems reports the CustomerState rules of c that follow a
// state the parent (described by parent, e.g. `customer "clinic-maple"`)
// can never be in, given parentStates (the parent's States), with the
// nearest of them as a "did you mean". Paths are relative to the schedule.
func (c *Compiled) ParentStateProblems(parent string, parentStates []string) model.Problems {
	if len(parentStates) == 0 {
		return nil
	}
	var known stateSet
	for _, state := range parentStates {
		known.add(strings.TrimSpace(state))
	}
	var out model.Problems
	for k := range c.rules {
		rule := &c.rules[k]
		if rule.kind != kindParentState || known.has(rule.customerState) {
			continue
		}
		hint := ""
		if near, ok := suggest.Nearest(rule.customerState, parentStates); ok {
			hint = fmt.Sprintf("; did you mean %q?", near)
		}
		out = append(out, model.Problem{Path: rule.info.Path() + ".customerState", Code: model.CodeUnknownParentState, Severity: model.SeverityWarning,
			Message: fmt.Sprintf("this rule never matches: %s is never in state %q (its states are %s)%s",
				parent, model.Truncate(rule.customerState, 60), quoteList(parentStates), hint)})
	}
	return out
}

// quoteList writes "a", "b" and "c", cut after a dozen.
func quoteList(words []string) string {
	const most = 12
	quoted := make([]string, 0, min(len(words), most))
	for i, word := range words {
		if i == most {
			break
		}
		quoted = append(quoted, fmt.Sprintf("%q", model.Truncate(word, 60)))
	}
	text := model.JoinWords(quoted)
	if len(words) > most {
		text += fmt.Sprintf(" and %d more", len(words)-most)
	}
	return text
}

// stateSet holds state names (trimmed) matched without regard to case. A
// few are kept in a list and compared in place, so the usual handful of
// states costs no map and no lowered copies; past that a map of lowered
// names keeps the look-up fast.
type stateSet struct {
	few    []string
	lowers map[string]bool
}

const stateSetListMax = 16

func (s *stateSet) add(state string) {
	if s.lowers == nil && len(s.few) < stateSetListMax {
		s.few = append(s.few, state)
		return
	}
	if s.lowers == nil {
		s.lowers = make(map[string]bool, 2*stateSetListMax)
		for _, f := range s.few {
			s.lowers[strings.ToLower(f)] = true
		}
		s.few = nil
	}
	s.lowers[strings.ToLower(state)] = true
}

func (s *stateSet) has(state string) bool {
	if s.lowers != nil {
		return s.lowers[strings.ToLower(state)]
	}
	for _, f := range s.few {
		if sameLower(f, state) {
			return true
		}
	}
	return false
}

// sameLower reports whether strings.ToLower(a) == strings.ToLower(b),
// without building either: rune by rune (an invalid byte reads as
// utf8.RuneError, which ToLower also writes).
func sameLower(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}
