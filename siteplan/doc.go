// Package siteplan is one site as RayFix sees it: everything that can stop
// a visitor, read once and put into plain words in Cloudflare's order, and
// the guided fixes planned against it (each a changes.Change to preview).
package siteplan
