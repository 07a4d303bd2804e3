package ui

import (
	"context"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

// messageDialog is the "Message the site owner" dialog: a ready, polite
// message the visitor can edit, copy, or open in their mail app.
type messageDialog struct {
	to      *kit.Wrapped
	done    *kit.Wrapped // what the last button did
	contact string       // where "Open in mail app" writes to
	doing   *kit.Entry
	text    *kit.Entry
	edited  bool
	setting bool
	dlg     dialog.Dialog
	// The message is written in lang (the owner's); when that is not the
	// visitor's own, translation shows them what they are sending.
	rep           diagnose.Report
	lang, visitor i18n.Tag
	langs         *widget.Select
	translation   *kit.Wrapped
	besides       *widget.Accordion
}

// rewrite writes the message again in the chosen language — unless the
// visitor has edited it — and its translation for the visitor.
func (m *messageDialog) rewrite() {
	if !m.edited {
		m.setText(diagnose.OwnerMessageIn(m.rep, m.doing.Text, m.lang))
	}
	if m.lang == m.visitor {
		m.besides.Hide()
		return
	}
	m.translation.SetText(diagnose.OwnerMessageIn(m.rep, m.doing.Text, m.visitor))
	m.besides.Show()
}

// ownerLanguage is the first of the owner's preferred languages RayFix
// can write, else English.
func ownerLanguage(prefs []string) i18n.Tag {
	for _, p := range prefs {
		if t, ok := i18n.Parse(p); ok {
			return t
		}
	}
	return i18n.English
}

// languageNames are the languages by their own names.
func languageNames() []string {
	var out []string
	for _, l := range i18n.Languages {
		out = append(out, l.Name)
	}
	return out
}

func showMessageDialog(sh *Shell, rep diagnose.Report) *messageDialog {
	m := &messageDialog{}
	sh.opened.message = m
	m.doing = kit.NewEntry()
	m.doing.SetPlaceHolder(sh.t("What were you doing? For example: logging in, paying for an order"))
	m.text = kit.NewMultiLineEntry()
	m.text.Wrapping = fyne.TextWrapWord
	m.text.SetMinRowsVisible(12)
	m.rep, m.visitor, m.lang = rep, sh.lang(), ownerLanguage(rep.OwnerLanguages)
	m.translation = kit.NewWrapped("")
	m.besides = widget.NewAccordion(widget.NewAccordionItem(sh.t("What it says, in your language"), m.translation))
	m.rewrite()
	m.text.OnChanged = func(string) {
		if !m.setting {
			m.edited = true // never overwrite what the visitor wrote
		}
	}
	m.doing.OnChanged = func(string) { m.rewrite() }
	m.langs = widget.NewSelect(languageNames(), func(name string) {
		if tag := i18n.Tag(languageTag(name)); tag != "" && tag != m.lang {
			m.lang = tag
			m.rewrite()
		}
	})
	m.langs.SetSelected(i18n.NameOf(m.lang))
	to := kit.NewWrapped(contactHint(rep))
	m.to = to
	m.done = kit.NewWrapped("")
	m.done.Importance = widget.SuccessImportance
	m.done.Hide()
	copyBtn := widget.NewButtonWithIcon(sh.t("Copy message"), theme.ContentCopyIcon(), func() {
		sh.copyText(m.text.Text)
		m.say(sh.t("Copied: paste it into an e-mail or the site's contact form."))
	})
	m.contact = rep.Contact
	mail := widget.NewButtonWithIcon(sh.t("Open in mail app"), theme.MailSendIcon(), func() {
		if err := sh.openURL(mailtoURL(m.contact, "Blocked from "+shorten(hostOf(rep.URL), 60), m.text.Text)); err != nil {
			// No mail app answered: the message goes to the clipboard instead.
			sh.copyText(m.text.Text)
			m.say(sh.t("No mail app opened on this computer, so the message is copied instead: paste it into your e-mail or the site's contact form."))
			return
		}
		m.say(sh.t("Your mail app should open with the message. If it does not, use Copy message."))
	})
	mail.Importance = widget.HighImportance
	buttons := container.NewHBox(copyBtn, mail)
	if strings.HasPrefix(rep.Contact, "https://") {
		if u, err := url.Parse(rep.Contact); err == nil {
			buttons.Add(widget.NewButtonWithIcon(sh.t("Open the site's contact page"), theme.ComputerIcon(), func() { _ = sh.openURL(u) }))
		}
	}
	top := container.NewVBox(to)
	langWhy := sh.t("Write it in the language the site's owner reads; English is the one most owners read.")
	if len(rep.OwnerLanguages) > 0 {
		langWhy = sh.t("The site says its owner reads: {{languages}}.", "languages", strings.Join(rep.OwnerLanguages, ", "))
	}
	why := kit.NewWrapped(langWhy)
	top.Add(container.NewBorder(nil, nil, widget.NewLabel(sh.t("Write it in")), nil, m.langs))
	top.Add(why)
	if !rep.ContactChecked && rep.URL != "" {
		top.Add(container.NewHBox(m.lookupButton(sh, rep)))
	}
	top.Add(m.doing)
	// Enter in "What were you doing?" does what the main button does.
	m.doing.OnSubmitted = func(string) { mail.OnTapped() }
	content := container.NewBorder(top, container.NewVBox(m.besides, m.done, buttons), nil, nil, m.text)
	m.dlg = dialog.NewCustom(sh.t("Message the site owner"), sh.t("Close"), content, sh.win)
	m.dlg.Resize(fyne.NewSize(620, 600))
	kit.ShowDialog(m.dlg, sh.win)
	sh.win.Canvas().Focus(m.doing)
	return m
}

// lookupButton looks for the site's published contact when the report is
// of a pasted page (nothing was looked up): in the background, the result
// shown where the hint was.
func (m *messageDialog) lookupButton(sh *Shell, rep diagnose.Report) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(sh.t("Look up the site's contact address"), theme.SearchIcon(), func() {
		b.Disable()
		m.to.SetText(sh.t("Looking for the contact address {{site}} publishes…", "site", hostOf(rep.URL)))
		site := rep.URL // copied before the work starts
		var found string
		var langs []string
		kit.Background(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			found, langs = diagnose.FindContact(ctx, site, diagnose.Options{})
		}, func() {
			looked := rep
			looked.Contact, looked.ContactChecked, looked.OwnerLanguages = found, true, langs
			if len(langs) > 0 && !m.edited {
				m.rep.OwnerLanguages = langs
				m.langs.SetSelected(i18n.NameOf(ownerLanguage(langs)))
			}
			m.contact = found
			m.to.SetText(contactHint(looked))
			b.Hide()
		})
	})
	return b
}

func (m *messageDialog) say(s string) {
	m.done.SetText(s)
	m.done.Show()
}

func (m *messageDialog) setText(s string) {
	m.setting = true
	m.text.SetText(s)
	m.setting = false
}

func contactHint(rep diagnose.Report) string {
	t := reportWords(rep)
	contact := rep.Contact
	switch {
	case !rep.ContactChecked && rep.URL == "":
		return t("RayFix has not looked for a contact address: the page you pasted does not name the site. Look for a \"Contact\" page or e-mail on the site.")
	case !rep.ContactChecked:
		return t("RayFix has not looked for a contact address yet (you pasted the page; nothing was fetched).")
	case strings.HasPrefix(contact, "mailto:"):
		return t("The site publishes a contact address (in its security.txt): {{contact}}. You can edit the message before sending.", "contact", strings.TrimPrefix(contact, "mailto:"))
	case contact != "":
		return t("The site publishes a contact page (in its security.txt): {{contact}}. Paste the message there.", "contact", contact)
	}
	return t("The site does not publish a contact address. Look for a \"Contact\" page or e-mail on the site; your mail app will ask who to send to.")
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
