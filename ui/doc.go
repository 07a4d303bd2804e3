// Package ui holds RayFix's Fyne screens, one file per screen. Widgets expose
// callbacks; work runs in the background (see runner.go) and every result
// comes back to the widgets in one place, through fyne.Do.
package ui
