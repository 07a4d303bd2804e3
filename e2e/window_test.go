package e2e

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func need(t *testing.T) {
	t.Helper()
	missing := []string{}
	if os.Getenv("DISPLAY") == "" {
		missing = append(missing, "a display (DISPLAY)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("RAYFIX_REQUIRE_DISPLAY") != "" {
		t.Fatalf("the test environment lacks %s", strings.Join(missing, ", "))
	}
	t.Skipf("needs %s; run under `make test`", strings.Join(missing, ", "))
}

// buildApp builds the real binary (the Go build cache makes this quick after `make build`).
func buildApp(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "rayfix")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return bin
}

func xdo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).Output()
	if err != nil {
		t.Fatalf("xdotool %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

func screenshot(t *testing.T, name string) image.Image {
	t.Helper()
	dir := filepath.Join("..", "out", "screenshots")
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name)
	if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return img
}

// reddish counts pixels of the error colour: the stripe of a "blocked" card.
func reddish(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 200 && g>>8 < 90 && bl>>8 < 90 {
				n++
			}
		}
	}
	return n
}

func lit(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8+g>>8+bl>>8 > 60 {
				n++
			}
		}
	}
	return n
}

// edge1020 is a loopback stand-in for a Cloudflare edge that blocks every
// page with Error 1020 and answers /cdn-cgi/trace.
func edge1020(t *testing.T) *httptest.Server {
	edge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "cloudflare")
		w.Header().Set("Cf-Ray", "8e2f0a1b2c3d4e5f-AMS")
		if r.URL.Path == "/cdn-cgi/trace" {
			fmt.Fprint(w, "fl=1\nh=x\nip=192.0.2.8\nts=1\ncolo=AMS\nloc=NL\nwarp=off\ngateway=off\n")
			return
		}
		w.WriteHeader(403)
		fmt.Fprint(w, "error code: 1020")
	}))
	t.Cleanup(edge.Close)
	return edge
}

func TestRealWindowChecks1020(t *testing.T) {
	need(t)
	edge := edge1020(t)
	// A throwaway settings folder (startApp): the test must not add to
	// anyone's history.
	startApp(t)
	start := firstFrame(t, "start.png")
	if n := reddish(start); n > 200 {
		t.Fatalf("start view already shows %d error-coloured pixels", n)
	}

	// The visitor door has the focus: Space opens it, the address field
	// gets the focus; type the address the way a person does, press Enter.
	xdo(t, "mousemove", "400", "300")
	xdo(t, "key", "space")
	time.Sleep(700 * time.Millisecond)
	xdo(t, "type", "--delay", "15", edge.URL+"/account")
	xdo(t, "key", "Return")
	var red int
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		red = reddish(screenshot(t, "verdict-1020.png"))
		if red > 1500 {
			break
		}
	}
	if red <= 1500 {
		t.Fatalf("no blocked verdict card appeared (%d error-coloured pixels)", red)
	}
	verdict := screenshot(t, "verdict-1020.png")
	if _, err := exec.LookPath("tesseract"); err == nil {
		// What to do is in view at once; the facts follow, further down.
		said := waitRead(t, "verdict-1020.png", "error 1020", "firewall blocked you", "what you can do", "try a private window")
		refuseOnScreen(t, said, "(s)", "verdict_", "product_")
		xdo(t, "mousemove", "400", "400", "click", "--repeat", "15", "5") // scroll the card down
		said = waitRead(t, "verdict-details.png", "details", "the netherlands")
		refuseOnScreen(t, said, "(s)", "verdict_", "product_")
		verdict = screenshot(t, "verdict-details.png")
	}

	// The message to the site's owner, then the "read an error page" dialog.
	xdo(t, "mousemove", "230", "637", "click", "1") // Message the owner…
	msg := waitChange(t, verdict, "message.png")
	xdo(t, "key", "Escape") // the focus is in the dialog's first field
	back := waitChange(t, msg, "verdict-again.png")
	if differs(verdict, back) > 2000 {
		t.Fatal("Escape did not close the message dialog")
	}
	xdo(t, "mousemove", "410", "677", "click", "1") // My browser shows an error…
	waitChange(t, back, "paste.png")
}

// firstFrame waits until the window has drawn (a window exists a moment
// before its first frame, longer on a busy machine) and returns the frame.
func firstFrame(t *testing.T, name string) image.Image {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(300 * time.Millisecond) {
		img := screenshot(t, name)
		if lit(img) >= 1000 {
			time.Sleep(700 * time.Millisecond) // let the layout settle
			return screenshot(t, name)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the window drew nothing within 15 s", name)
		}
	}
}

// waitChange takes screenshots named name until one differs clearly from
// prev (a screen or dialog opened), and returns it.
func waitChange(t *testing.T, prev image.Image, name string) image.Image {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(300 * time.Millisecond) {
		img := screenshot(t, name)
		if differs(prev, img) >= 2000 {
			time.Sleep(300 * time.Millisecond) // let it finish drawing
			return screenshot(t, name)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the screen did not change within 10 s", name)
		}
	}
}

// startApp starts the built binary with args and returns its window ID,
// moved to the top-left corner.
func startApp(t *testing.T, args ...string) string {
	t.Helper()
	return startBinary(t, buildApp(t), args...)
}

// startBinary starts bin with args in a throwaway settings folder and
// returns its window ID, moved to the top-left corner.
func startBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	win, _ := launch(t, bin, t.TempDir(), args...)
	xdo(t, "windowmove", win, "0", "0")
	return win
}

// launch starts bin with its settings in cfg and waits for its window.
func launch(t *testing.T, bin, cfg string, args ...string) (string, *exec.Cmd) {
	t.Helper()
	return launchEnv(t, bin, cfg, []string{"FYNE_THEME=dark"}, args...)
}

// launchEnv is launch with extra environment (later entries win).
func launchEnv(t *testing.T, bin, cfg string, env []string, args ...string) (string, *exec.Cmd) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	app := exec.CommandContext(ctx, bin, args...)
	app.Env = append(append(os.Environ(), "LANG=en_US.UTF-8", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "XDG_CONFIG_HOME="+cfg), env...)
	var errs strings.Builder
	app.Stderr = &errs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.Process.Kill(); _ = app.Wait() })
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^RayFix$").Output()
		if s := strings.Fields(string(out)); len(s) > 0 {
			return s[len(s)-1], app
		}
	}
	t.Fatalf("no RayFix window appeared within 30 s; its error output:\n%s", errs.String())
	return "", nil
}

func differs(a, b image.Image) int {
	n := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestRealWindowOwnerDemo opens owner mode on the demo site (rayfix --demo),
// takes the zone overview, scrolls to the custom rules and takes them too.
func TestRealWindowOwnerDemo(t *testing.T) {
	need(t)
	startApp(t, "--demo")
	var overview image.Image
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		overview = screenshot(t, "owner-overview.png")
		if reddish(overview) > 250 { // the first blocking rule's stripe (4 px wide) is in view
			break
		}
	}
	if reddish(overview) <= 250 {
		t.Fatal("the demo site's rules never appeared")
	}
	xdo(t, "mousemove", "400", "400")
	for i := 0; i < 48; i++ {
		xdo(t, "click", "5")
	}
	time.Sleep(700 * time.Millisecond)
	rules := screenshot(t, "owner-rules.png")
	if differs(overview, rules) < 2000 {
		t.Fatal("scrolling the rule list changed nothing on screen")
	}
}

// TestRealWindowOwnerEdit lets an IP through on the demo site with the
// mouse and keyboard, and takes the preview and the change journal.
// The window has a fixed size, so the places clicked are stable.
func TestRealWindowOwnerEdit(t *testing.T) {
	need(t)
	startApp(t, "--demo")
	var overview image.Image
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if overview = screenshot(t, "owner-edit-start.png"); reddish(overview) > 250 {
			break
		}
	}
	xdo(t, "mousemove", "100", "95", "click", "1") // Let visitors through…
	wizard := waitChange(t, overview, "owner-wizard.png")
	xdo(t, "mousemove", "460", "239", "click", "1") // the value field
	xdo(t, "type", "--delay", "15", "198.51.100.50")
	typed := screenshot(t, "owner-wizard-typed.png")
	xdo(t, "mousemove", "161", "551", "click", "1") // Preview…
	preview := waitChange(t, typed, "owner-preview.png")
	if differs(wizard, preview) < 2000 {
		t.Fatal("no preview appeared")
	}
	xdo(t, "mousemove", "494", "571", "click", "1") // Apply this change
	applied := waitChange(t, preview, "owner-applied.png")
	time.Sleep(800 * time.Millisecond)             // the site is read again after the write
	xdo(t, "mousemove", "500", "95", "click", "1") // Changes made by RayFix
	waitChange(t, applied, "owner-changes.png")
}
