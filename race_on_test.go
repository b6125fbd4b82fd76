//go:build race

package voicesched

// adversarialRace tells the adversarial suite whether the race detector is
// on (it slows the code 10 to 25 times, so the time bound is widened).
const adversarialRace = true
