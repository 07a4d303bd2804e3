// Command hello is the baseline for `make bench`: the smallest Fyne window,
// built with the same flags as RayFix, so cold start and idle memory can be
// reported as ratios measured in the same run.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.rayfix.benchhello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(820, 700))
	w.ShowAndRun()
}
