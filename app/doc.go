// Package app is RayFix's core without widgets: the keychain token store,
// the connection to Cloudflare's API (cloudflare-go v7 service packages with
// an explicit base URL and our own HTTP client), and, as owner mode grows,
// the rule model, the change journal and the fake Cloudflare API used by the
// demo zone and the tests. It never imports Fyne.
package app
