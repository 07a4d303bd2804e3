// Package ruleslang reads and writes Cloudflare's Rules language (the
// expressions of custom rules, rate limiting rules and skip rules): a lexer,
// a parser producing an AST, a printer that round-trips, and plain-language
// summaries. User input enters expressions only as AST nodes, printed by
// this package, never spliced in as text.
package ruleslang
