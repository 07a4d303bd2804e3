// Package assets holds RayFix's bundled resources: the app icon and the
// Linux desktop entry. Go code reaches them through the variables below.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is RayFix's application icon: a shield with a lightning ray.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
