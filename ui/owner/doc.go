// Package owner is owner mode's screens: connect a Cloudflare token (kept
// in the OS keychain), the sites, one site's rules in plain words, and the
// guided fixes — preview, confirm, journal, undo — with the Ray ID look-up,
// "who is being blocked", the simulator and the health check. It gets what
// it needs from the window through a Host.
package owner
