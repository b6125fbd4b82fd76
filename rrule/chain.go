package rrule

import "sort"

// Windows of consecutive occurrences merge when the next occurrence starts no later than the
// previous window ends (o' <= o + Length). The membership of an instant inside a window only
// changes at the end of the merged run, so NextChange must find the run's last occurrence
// without visiting every occurrence of, say, a Secondly rule. The chain table records, per
// day class, the occurrences after which the run breaks within the day ("breaks"); and
// whether a run that reaches a day's last occurrence always continues into the next
// candidate day ("dayChain"), so runs of whole days are skipped with the year bit masks.

type chainMode uint8

const (
	// chainStepped: no table; runs are followed occurrence by occurrence (bySetPosition
	// rules, or more breaks than maxChainBreaks).
	chainStepped chainMode = iota
	// chainTrivial: Length is shorter than any gap between two occurrences of a day.
	chainTrivial
	// chainListed: breaks are listed per class.
	chainListed
)

// maxChainBreaks bounds the table's size; past it NextChange steps through runs.
const maxChainBreaks = 1 << 14

type chainTable struct {
	mode     chainMode
	dayChain bool
	// lone is the only break when lists is nil (one day class with one break: the common
	// case, kept inline so that a rule stays small).
	lone  [1]int32
	lists *chainLists
}

type chainLists struct {
	breaks []int32 // times of day, ascending within a class
	index  []int32 // class k's breaks are breaks[index[k]:index[k+1]]
}

// breaksOf returns day class k's breaks.
func (t *chainTable) breaksOf(k int64) []int32 {
	if t.lists == nil {
		return t.lone[:]
	}
	return t.lists.breaks[t.lists.index[k]:t.lists.index[k+1]]
}

func (m *matcher) buildChains() chainTable {
	var table chainTable
	if m.single || m.sp != nil || m.never {
		return table
	}
	minGap := int64(60)
	switch m.clk.kind {
	case secondlyClock:
		minGap = m.interval
	case minutelyClock:
		minGap = 60 * m.interval
	}
	if m.length < minGap {
		table.mode = chainTrivial
		return table
	}
	table.mode = chainListed
	lists := &chainLists{index: make([]int32, 0, m.classCount()+1)}
	table.lists = lists
	for k := range m.classCount() {
		lists.index = append(lists.index, int32(len(lists.breaks)))
		r := m.classResidue(k)
		t, ok := m.clk.firstAtOrAfter(r, 0)
		for ok {
			next, more := m.clk.firstAtOrAfter(r, t+1)
			if !more || int64(next-t) > m.length {
				lists.breaks = append(lists.breaks, t)
				if len(lists.breaks) > maxChainBreaks {
					return chainTable{mode: chainStepped}
				}
			}
			t, ok = next, more
		}
	}
	lists.index = append(lists.index, int32(len(lists.breaks)))
	if m.classCount() == 1 && len(lists.breaks) == 1 {
		table.lone[0], table.lists = lists.breaks[0], nil
	}
	table.dayChain = true
	for k := range m.classCount() {
		if len(table.breaksOf(k)) > 1 {
			table.dayChain = false // a run breaks inside some day
			break
		}
		r := m.classResidue(k)
		last, ok := m.clk.lastAtOrBefore(r, secondsPerDay-1)
		if !ok {
			continue
		}
		nextR := int64(0)
		if m.clk.kind != fixedClock {
			nextR = floorMod(r-m.clk.tables.unitsPerDay, m.interval)
		}
		first, ok := m.clk.firstAtOrAfter(nextR, 0)
		if ok && int64(first)+secondsPerDay-int64(last) > m.length {
			table.dayChain = false
			break
		}
	}
	return table
}

// chainEndInDay returns the last occurrence time of the run through occurrence time t,
// within the day (class k).
func (m *matcher) chainEndInDay(k int64, t int32) int32 {
	if m.chains.mode != chainListed {
		return t
	}
	list := m.chains.breaksOf(k)
	i := sort.Search(len(list), func(i int) bool { return list[i] >= t })
	if i == len(list) {
		return t
	}
	return list[i]
}

// runEnd returns an occurrence q >= p such that the windows of all occurrences in [p, q]
// merge into one run with p's. It looks no further than day limitDay.
func (m *matcher) runEnd(p int64, limitDay int64) int64 {
	if m.chains.mode != chainListed {
		return p
	}
	day, tod := p/secondsPerDay, int32(p%secondsPerDay)
	r := m.residue(day)
	k := m.classIndex(r)
	t := m.chainEndInDay(k, tod)
	end := day*secondsPerDay + int64(t)
	if m.chains.dayChain && len(m.chains.breaksOf(k)) == 1 {
		last := m.lastOfCandidateRun(day, min(limitDay, m.lastDay))
		if last > day {
			t, _ := m.clk.lastAtOrBefore(m.residue(last), secondsPerDay-1)
			end = last*secondsPerDay + int64(t)
		}
	}
	if end > m.last {
		end, _ = m.prev(m.last, p)
	}
	return max(end, p)
}

// coverEnd returns the end of the merged run of windows that holds occurrence p: the first
// instant after p that no window covers. It stops early once that lies past limit.
func (m *matcher) coverEnd(p, limit int64) int64 {
	if m.sp != nil {
		return m.setPosCoverEnd(p, limit)
	}
	limitDay := limit/secondsPerDay + 1
	for {
		p = m.runEnd(p, limitDay)
		end := p + m.length
		if end > limit {
			return end
		}
		q, ok := m.prev(end, p+1)
		if !ok {
			return end
		}
		p = q
	}
}

// setPosCoverEnd is coverEnd for bySetPosition rules: it walks each period's sorted
// selection once, so a run costs one enumeration per period it spans.
func (m *matcher) setPosCoverEnd(p, limit int64) int64 {
	var buf [MaxListLength]int64
	end := p + m.length
	for end <= limit {
		period := m.periodOf(p / secondsPerDay)
		for _, o := range m.periodSelection(&period, buf[:0]) {
			if o <= p {
				continue
			}
			if o > end {
				return end
			}
			p, end = o, o+m.length
		}
		q, ok := m.next((period.first+int64(period.len))*secondsPerDay, end)
		if !ok {
			return end
		}
		p, end = q, q+m.length
	}
	return end
}
