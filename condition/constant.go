package condition

// Constant reports whether the program gives the same result for every
// input because it reads no variable at all ("1 == 2", "true", "'a' in
// ['a']"): the builtins conditions may call are pure, so such a program
// folds to one value. value is that result, and err is not nil when every
// evaluation fails the same way. A program that reads a variable is not
// constant here even when its result cannot change ("hour < 24"): that
// would need reasoning about ranges, which this check does not attempt.
func (p *Program) Constant() (constant, value bool, err error) {
	if p.analysis.uses != 0 {
		return false, false, nil
	}
	value, err = p.Eval(Input{})
	return true, value, err
}
