// Package diagnose is RayFix's visitor engine: it fetches a page the way a
// browser would, asks Cloudflare's /cdn-cgi/trace what the edge sees of the
// visitor, looks at the local network (VPN, proxy, WARP) and turns all of it
// into a Report with a verdict and suggested next steps.
//
// It has no GUI dependency so the window, the command line and the tests all
// drive exactly the same code. ClassifyPage is usable on its own, for a page
// the user pasted or saved.
package diagnose
