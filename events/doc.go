// Package events reads Cloudflare's Security Events (GraphQL, within the
// window the plan keeps), keeps RayFix's own archive of them (bbolt), and
// groups them into "who is being blocked".
package events
