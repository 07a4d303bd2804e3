// Package changes makes owner-mode changes tell the truth: a Change is
// previewed, checked for concurrent edits, journaled before every write,
// sent once, re-read to learn what Cloudflare really holds, and undone
// from the journal. Each kind of write is one step type with its own
// check, write, read-back and inverse.
package changes
