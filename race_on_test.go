//go:build race

package voicesched

// adversarialRace tells the adversarial suite whether the race detector is
// on (it slows code down about tenfold, so the time bound is widened).
const adversarialRace = true
