// Package cfapi is RayFix's connection to Cloudflare's API: the token
// (keychain or memory), reads and writes through cloudflare-go's service
// packages with bounded waits, the GraphQL call over raw HTTP, the token's
// permissions, Cloudflare Trace, and API errors in words.
package cfapi
