// Package planner plans the changes RayFix offers an owner — an exception
// in a rule, a Skip rule, an IP Access Allow, a new action, a rate limit, a
// managed-rules exception, a setting, a rule restored from a backup — each
// as a changes.Change with its preview in words: the consequence, the lines
// before and after, and what the visitor will see afterwards (from
// siteplan's walk of the site as it will be). Nothing is written here:
// changes.Apply does that.
package planner
