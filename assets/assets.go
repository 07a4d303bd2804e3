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

// The Chinese and Japanese fonts, regular and bold: subsets of Noto Sans
// CJK built by scripts/cjk-fonts.sh (SIL Open Font License,
// fonts/OFL.txt), so the visitor side reads where the system has no CJK
// font.
var (
	//go:embed fonts/NotoSansSC-RayFix.otf
	fontSC []byte
	//go:embed fonts/NotoSansSC-Bold-RayFix.otf
	fontSCBold []byte
	//go:embed fonts/NotoSansJP-RayFix.otf
	fontJP []byte
	//go:embed fonts/NotoSansJP-Bold-RayFix.otf
	fontJPBold []byte

	FontSC     = fyne.NewStaticResource("NotoSansSC-RayFix.otf", fontSC)
	FontSCBold = fyne.NewStaticResource("NotoSansSC-Bold-RayFix.otf", fontSCBold)
	FontJP     = fyne.NewStaticResource("NotoSansJP-RayFix.otf", fontJP)
	FontJPBold = fyne.NewStaticResource("NotoSansJP-Bold-RayFix.otf", fontJPBold)
)
