package ui

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"rayfix/diagnose"
	"rayfix/ui/kit"
)

// reportBytes renders a report for a file: JSON for .json, text otherwise.
func reportBytes(rep diagnose.Report, ext string) []byte {
	if strings.EqualFold(ext, ".json") {
		b, _ := json.MarshalIndent(rep, "", "  ")
		return append(b, '\n')
	}
	return []byte(rep.Text())
}

func saveReportDialog(sh *Shell, rep diagnose.Report) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		data := reportBytes(rep, w.URI().Extension())
		var werr error
		kit.Background(func() {
			_, werr = w.Write(data)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
		}, func() {
			if werr != nil {
				kit.ShowError(werr, sh.win)
				return
			}
			sh.visitor.status.SetText(sh.t("Report saved to {{file}}", "file", w.URI().Name()))
		})
	}, sh.win)
	fd.SetFileName("rayfix-report-" + strings.ReplaceAll(hostOf(rep.URL), ":", "_") + ".txt")
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".json"}))
	kit.ShowDialog(fd, sh.win)
}
