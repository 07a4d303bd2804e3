// Package ui is RayFix's window: the shell (start screen, menus and
// shortcuts, settings, About, window place, single instance, tray) and the
// visitor screens (check, verdict card, message to the owner, pasted page,
// watching). Owner mode lives in ui/owner and what every screen shares in
// ui/kit: background work comes back to widgets in one place, through
// fyne.Do.
package ui
