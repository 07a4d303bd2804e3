// Package app keeps the window's own state without widgets: the settings
// (with validation of what is typed), the history of checks, preferences,
// and the version. The owner core lives in cfapi, siteplan, changes,
// events and advice.
package app
