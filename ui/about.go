package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/assets"
	"rayfix/ui/kit"
)

// Website is RayFix's home page (also in FyneApp.toml and the metainfo).
const Website = "https://github.com/rayfix/rayfix"

// showAbout: Help → About RayFix, with the version, the licence and links
// a person can click.
func (sh *Shell) showAbout() {
	d := dialog.NewCustom(sh.t("About RayFix"), sh.t("Close"), sh.aboutContent(), sh.win)
	d.Resize(fyne.NewSize(480, 0))
	kit.ShowDialog(d, sh.win)
}

func (sh *Shell) aboutContent() *fyne.Container {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle("RayFix "+Version, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	about := kit.NewWrapped(sh.t("Explains Cloudflare's \"Access denied\" pages to the people who hit them, and helps site owners fix the rule behind them.") + "\n\n" +
		sh.t("A check talks only to the site you ask about; owner mode talks only to Cloudflare's API. Nothing is sent anywhere else."))
	link := func(text, raw string) *widget.Hyperlink {
		u, _ := url.Parse(raw)
		h := widget.NewHyperlink(text, u)
		h.OnTapped = func() { _ = sh.openURL(u) }
		return h
	}
	links := container.NewCenter(container.NewHBox(
		link(sh.t("Website"), Website),
		link(sh.t("MIT licence"), Website+"/blob/main/LICENSE"),
		link(sh.t("Report a problem"), Website+"/issues"),
	))
	return container.NewVBox(container.NewCenter(icon), title, about, links)
}
