package ui

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

var whyDiffer = i18n.N("Your browser and RayFix can get different answers: a browser extension may change what your browser sends, " +
	"a VPN or proxy may be set up in the browser only, and the browser sends the site's cookies, which RayFix does not. " +
	"Paste the error page (in the browser: select all, copy) or open a page you saved, and RayFix reads it for you.")

// pasteDialog reads an error page the visitor pasted or saved.
type pasteDialog struct {
	text *kit.Entry
	err  *kit.Wrapped
	dlg  dialog.Dialog
}

func showPasteDialog(sh *Shell, show func(diagnose.Report)) *pasteDialog {
	p := &pasteDialog{}
	why := kit.NewWrapped(sh.t(whyDiffer))
	p.text = kit.NewMultiLineEntry()
	p.text.SetPlaceHolder(sh.t("Paste the error page here…"))
	p.text.SetMinRowsVisible(10)
	p.err = kit.NewWrapped("")
	p.err.Importance = widget.DangerImportance
	p.err.Hide()
	p.text.OnChanged = func(string) { p.err.Hide() } // the message is about an empty box
	read := func(body []byte) {
		p.dlg.Hide()
		show(diagnose.ReportFromPage(body, sh.now()))
	}
	readBtn := widget.NewButtonWithIcon(sh.t("Read this page"), theme.SearchIcon(), func() {
		if strings.TrimSpace(p.text.Text) == "" {
			p.err.SetText(sh.t("Paste the text of the error page first, or open a saved page."))
			p.err.Show()
			return
		}
		read([]byte(p.text.Text))
	})
	readBtn.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(sh.t("Open a saved page…"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			var body []byte
			var rerr error
			kit.Background(func() {
				defer r.Close()
				body, rerr = io.ReadAll(io.LimitReader(r, diagnose.MaxBody))
			}, func() {
				if rerr != nil || len(body) == 0 {
					p.err.SetText(sh.t("That file could not be read. Save the page again from the browser (File → Save Page As)."))
					p.err.Show()
					return
				}
				read(body)
			})
		}, sh.win)
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".htm", ".txt", ".mhtml"}))
		kit.ShowDialog(fd, sh.win)
	})
	content := container.NewBorder(why, container.NewVBox(p.err, container.NewHBox(open, readBtn)), nil, nil, p.text)
	p.dlg = dialog.NewCustom(sh.t("Read an error page"), sh.t("Close"), content, sh.win)
	p.dlg.Resize(fyne.NewSize(620, 520))
	kit.ShowDialog(p.dlg, sh.win)
	sh.win.Canvas().Focus(p.text) // ready for Ctrl+V
	return p
}
