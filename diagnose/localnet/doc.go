// Package localnet reads how this computer reaches the internet — VPN
// adapters, Cloudflare WARP, proxies from the environment and from the
// macOS and Windows system settings — because a VPN or proxy changes the
// IP and country a site sees. The parsers live in portable files so every
// OS's tests run them.
package localnet
