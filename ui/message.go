package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
	"rayfix/ui/kit"
)

// messageDialog is the "Message the site owner" dialog: a ready, polite
// message the visitor can edit, copy, or open in their mail app.
type messageDialog struct {
	doing   *kit.Entry
	text    *kit.Entry
	edited  bool
	setting bool
	dlg     dialog.Dialog
}

func showMessageDialog(sh *Shell, rep diagnose.Report) *messageDialog {
	m := &messageDialog{}
	sh.opened.message = m
	m.doing = kit.NewEntry()
	m.doing.SetPlaceHolder("What were you doing? For example: logging in, paying for an order")
	m.text = kit.NewMultiLineEntry()
	m.text.Wrapping = fyne.TextWrapWord
	m.text.SetMinRowsVisible(12)
	m.setText(diagnose.OwnerMessage(rep, ""))
	m.text.OnChanged = func(string) {
		if !m.setting {
			m.edited = true // never overwrite what the visitor wrote
		}
	}
	m.doing.OnChanged = func(s string) {
		if !m.edited {
			m.setText(diagnose.OwnerMessage(rep, s))
		}
	}
	to := widget.NewLabel(contactHint(rep.Contact))
	to.Wrapping = fyne.TextWrapWord
	copyBtn := widget.NewButtonWithIcon("Copy message", theme.ContentCopyIcon(), func() { sh.copyText(m.text.Text) })
	mail := widget.NewButtonWithIcon("Open in mail app", theme.MailSendIcon(), func() {
		_ = sh.openURL(mailtoURL(rep.Contact, "Blocked from "+hostOf(rep.URL), m.text.Text))
	})
	mail.Importance = widget.HighImportance
	buttons := container.NewHBox(copyBtn, mail)
	if strings.HasPrefix(rep.Contact, "https://") {
		if u, err := url.Parse(rep.Contact); err == nil {
			buttons.Add(widget.NewButtonWithIcon("Open the site's contact page", theme.ComputerIcon(), func() { _ = sh.openURL(u) }))
		}
	}
	content := container.NewBorder(container.NewVBox(to, m.doing), buttons, nil, nil, m.text)
	m.dlg = dialog.NewCustom("Message the site owner", "Close", content, sh.win)
	m.dlg.Resize(fyne.NewSize(680, 600))
	kit.ShowDialog(m.dlg, sh.win)
	sh.win.Canvas().Focus(m.doing)
	return m
}

func (m *messageDialog) setText(s string) {
	m.setting = true
	m.text.SetText(s)
	m.setting = false
}

func contactHint(contact string) string {
	switch {
	case strings.HasPrefix(contact, "mailto:"):
		return "The site publishes a contact address (in its security.txt): " + strings.TrimPrefix(contact, "mailto:") + ". You can edit the message before sending."
	case contact != "":
		return "The site publishes a contact page (in its security.txt): " + contact + ". Paste the message there."
	}
	return "The site does not publish a contact address. Look for a \"Contact\" page or e-mail on the site; your mail app will ask who to send to."
}

// mailtoURL builds an RFC 6068 mailto: link. Spaces must be %20 there, not
// the + that query encoding uses.
func mailtoURL(contact, subject, body string) *url.URL {
	to := ""
	if strings.HasPrefix(contact, "mailto:") {
		to = strings.TrimPrefix(contact, "mailto:")
		if i := strings.IndexByte(to, '?'); i >= 0 {
			to = to[:i]
		}
	}
	enc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	return &url.URL{Scheme: "mailto", Opaque: to + "?subject=" + enc(subject) + "&body=" + enc(strings.ReplaceAll(body, "\n", "\r\n"))}
}
