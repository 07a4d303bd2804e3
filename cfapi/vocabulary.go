package cfapi

// What Cloudflare's actions and IP Access modes are called in everything a
// person reads, defined once: the dashboard's own names.
var actionNames = map[string]string{
	"block": "Block", "managed_challenge": "Managed Challenge", "js_challenge": "JS Challenge",
	"challenge": "Interactive Challenge", "skip": "Skip", "log": "Log", "whitelist": "Allow", "allow": "Allow",
	"execute": "Managed rules", "jschallenge": "JS Challenge", "connection_close": "Close the connection",
}

// AccessModes are the IP Access rule modes in the order the dashboard
// lists them.
var AccessModes = []string{"block", "managed_challenge", "challenge", "js_challenge", "whitelist"}

// ActionName is an action or IP Access mode as a person reads it; an
// action RayFix does not know keeps Cloudflare's own word.
func ActionName(action string) string {
	if n, ok := actionNames[action]; ok {
		return n
	}
	return action
}
