// Package advice answers an owner's questions about visitors: which rule
// stopped this Ray ID and what would fix it, would this visitor be blocked
// (the simulator), and which rules are likely to catch real people.
package advice
