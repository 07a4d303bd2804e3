// Package kit is what every RayFix screen shares: the one seam that carries
// background results to widgets (OnMain, Background, Job, through
// fyne.Do), dialogs that Escape closes and that return the focus, entries
// whose Enter presses the dialog's main button, and the crash guard for
// background work.
package kit
