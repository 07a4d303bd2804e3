package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/assets"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

// startView is the first screen: two doors, for the blocked visitor (the
// default, and the first in tab order) and for the site's owner.
func startView(sh *Shell) (fyne.CanvasObject, *widget.Button) {
	logo := canvas.NewImageFromResource(assets.Icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(72, 72))
	title := widget.NewLabelWithStyle("RayFix", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	sub := widget.NewLabelWithStyle(sh.t("Blocked by a website? Let's find out why."), fyne.TextAlignCenter, fyne.TextStyle{})

	visitor, vb := door(theme.SearchIcon(), sh.t("I can't get into a website"),
		sh.t("A site shows \"Access denied\", \"Error 1020\", \"Sorry, you have been blocked\", or keeps asking if you're human."), sh.ShowVisitor)
	vb.Importance = widget.HighImportance
	ownerWords := sh.t("People tell you they are blocked from your site, and it uses Cloudflare.")
	if sh.lang() != i18n.English {
		ownerWords += i18n.SentenceGap(sh.lang()) + sh.t("Owner mode is in English for now.")
	}
	owner, _ := door(theme.ComputerIcon(), sh.t("It's my website"), ownerWords, sh.ShowOwner)
	doors := container.NewGridWithColumns(2, visitor, owner)
	return container.NewCenter(container.NewVBox(container.NewCenter(logo), title, sub, widget.NewLabel(""),
		container.NewGridWrap(fyne.NewSize(640, 150), doors))), vb
}

// door is a large tappable card: a button underneath, words on top.
func door(icon fyne.Resource, title, detail string, tapped func()) (fyne.CanvasObject, *widget.Button) {
	b := widget.NewButton("", tapped)
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d := kit.NewWrapped(detail)
	head := container.NewBorder(nil, nil, widget.NewIcon(icon), nil, t)
	return container.NewStack(b, container.NewPadded(container.NewVBox(head, d))), b
}
