// Package places names the places RayFix reports: countries from their
// ISO codes ("Germany (DE)"), the continent Cloudflare files a country
// under, and the cities of Cloudflare's data centres from their codes.
package places
