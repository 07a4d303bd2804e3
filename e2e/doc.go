// Package e2e starts the built RayFix binary in a real window (Xvfb under
// `make test`), drives it with xdotool and looks at screenshots.
package e2e
