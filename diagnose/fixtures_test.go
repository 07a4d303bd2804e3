package diagnose

import (
	"net/http"
	"strings"
)

// These fixtures are written from the layouts described in
// shared/docs/block-pages.md (§3 and §5); they are ours, not captured pages.

const ray = "8f1a2b3c4d5e6f70"

func cfWrapper(code, subhead, ip string) string {
	return `<!DOCTYPE html><html><head><title>Access denied | shop.example used Cloudflare to restrict access</title>
<link rel="stylesheet" href="/cdn-cgi/styles/cf.errors.css" /></head><body>
<div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">
<div class="cf-wrapper cf-header cf-error-overview"><h1><span class="cf-error-type" data-translate="error">Error</span>
<span class="cf-error-code">` + code + `</span><small class="heading-ray-id">Ray ID: ` + ray + ` &bull; 2024-05-01 10:00:00 UTC</small></h1>
<h2 class="cf-subheadline">` + subhead + `</h2></div>
<div class="cf-error-footer cf-wrapper"><p><span class="cf-footer-item">Cloudflare Ray ID: <strong>` + ray + `</strong></span>
<span class="cf-footer-separator">&bull;</span><span class="cf-footer-item"><span>Your IP</span>: ` + ip + `</span>
<span class="cf-footer-item">Performance &amp; security by Cloudflare</span></p></div></div></div></body></html>`
}

func modern(code, reason, ip string, hiddenIP bool) string {
	ipHTML := `<span class="cf-footer-item"><span>Your IP</span>: ` + ip + `</span>`
	if hiddenIP {
		ipHTML = `<span id="cf-footer-item-ip" class="cf-footer-item hidden">Your IP: <button type="button" id="cf-footer-ip-reveal">Click to reveal</button>
<span class="hidden" id="cf-footer-ip">` + ip + `</span></span>`
	}
	return `<!DOCTYPE html><html><head><title>Access denied | shop.example used Cloudflare to restrict access</title>
<link rel="stylesheet" href="/cdn-cgi/styles/main.css" /></head><body><div id="cf-wrapper"><div id="cf-error-details" class="p-0">
<header class="mx-auto pt-10"><h1 class="inline-block"><span data-translate="error">Error</span>
<span>` + code + `</span></h1><span class="inline-block heading-ray-id font-mono">Ray ID: ` + ray + ` &bull;</span>
<span class="inline-block heading-ray-id font-mono">2024-05-01 10:00:00 UTC</span><h2>` + reason + `</h2></header>
<script>var sparrow={event:"feedback clicked",properties:{errorCode:` + code + `,version:3}}</script>
<div class="cf-error-footer"><p><span class="cf-footer-item">Cloudflare Ray ID: <strong>` + ray + `</strong></span>` + ipHTML + `</p></div></div></div></body></html>`
}

const layout2022 = `<!DOCTYPE html><html><head><title>Access denied</title><link rel="stylesheet" href="/cdn-cgi/styles/errors.css"></head>
<body><div class="main-wrapper"><h1><span class="error-description">Access denied</span><span class="code-label">Error code <span>1020</span></span></h1>
<p>You cannot access shop.example. Refresh the page or contact the site owner to request access.</p>
<h2>Troubleshooting information</h2><p class="ray-id-wrapper">Ray ID: <span class="plain-ray-id" id="plain-ray-id">` + ray + `</span></p>
<a href="https://developers.cloudflare.com/?utm_source=1020_error">Cloudflare</a></div></body></html>`

const copiedDetails = "Access denied\nYou do not have access to shop.example.\nThe site owner may have set restrictions that prevent you from accessing the site.\n" +
	"Error details\nError code: 1020\nRay ID: " + ray + "\nCountry: DE\nData center: fra08\nIP: 203.0.113.9\nTimestamp: 2023-05-01 10:00:00 UTC\n"

const wafBlock = `<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title><link rel="stylesheet" href="/cdn-cgi/styles/cf.errors.css"></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><div class="cf-wrapper cf-header cf-error-overview">
<h1 data-translate="block_headline">Sorry, you have been blocked</h1><h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> shop.example</h2></div>
<div class="cf-section"><h2 data-translate="blocked_why_headline">Why have I been blocked?</h2><p>This website is using a security service to protect itself from online attacks.</p></div>
<div class="cf-error-footer"><span class="cf-footer-item">Cloudflare Ray ID: <strong class="font-semibold">` + ray + `</strong></span>
<span id="cf-footer-item-ip" class="cf-footer-item hidden">Your IP: <button type="button" id="cf-footer-ip-reveal">Click to reveal</button><span class="hidden" id="cf-footer-ip">198.51.100.4</span></span></div></div></div></body></html>`

const managed2025 = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript>
<div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div>
<script>(function(){window._cf_chl_opt={cvId:'3',cZone:"shop.example",cType:'managed',cRay:'` + ray + `',cH:'abc'};var a=document.createElement('script');
a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=` + ray + `';document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>`

// iuamTrap is a 2020 "I'm Under Attack" page whose script carries the markup
// of a 1020 page: the classic false positive (block-pages.md §4.3).
const iuamTrap = `<!DOCTYPE HTML><html lang="en-US"><head><title>Just a moment...</title></head><body>
<table><tr><td><div class="cf-browser-verification cf-im-under-attack"><h1><span data-translate="checking_browser">Checking your browser before accessing</span> shop.example.</h1>
<form class="challenge-form" id="challenge-form" action="/?__cf_chl_jschl_tk__=abc" method="POST"><input type="hidden" name="jschl_vc" value="1"/></form>
<script>var s='<span class="cf-error-code">1020</span>';window._cf_chl_opt={cvId:"1",cType:"non-interactive",cRay:"` + ray + `"};</script>
<div>DDoS protection by Cloudflare<br/><span class="ray_id">Ray ID: <code>` + ray + `</code></span></div></div></td></tr></table></body></html>`

const captcha = `<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><div id="cf-wrapper"><div id="cf-error-details">
<h1 data-translate="challenge_headline">One more step</h1><h2><span data-translate="complete_sec_check">Please complete the security check to access</span> shop.example</h2>
<form class="challenge-form" id="challenge-form" action="/?__cf_chl_captcha_tk__=x"><div class="cf-hcaptcha-container"></div></form>
<span class="cf-footer-item">Cloudflare Ray ID: <strong>` + ray + `</strong></span><span class="cf-footer-item"><span>Your IP</span>: 203.0.113.7</span></div></div></body></html>`

func fiveXX2020(code, reason string) string {
	return `<!DOCTYPE html><html><head><title>shop.example | ` + code + `: ` + reason + `</title><link rel="stylesheet" href="/cdn-cgi/styles/cf.errors.css"></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><h1><span class="cf-error-type">Error</span><span class="cf-error-code">` + code + `</span>
<small class="heading-ray-id">Ray ID: ` + ray + ` &bull; 2020-06-01 10:00:00 UTC</small></h1><h2 class="cf-subheadline">` + reason + `</h2>
<div id="cf-browser-status" class="cf-column"><span>You</span><span>Browser</span><span>Working</span></div>
<div id="cf-cloudflare-status" class="cf-column"><span class="md:block w-full truncate">Chicago</span><span>Cloudflare</span><span>Working</span></div>
<div id="cf-host-status" class="cf-error-source"><span>shop.example</span><span>Host</span><span>Error</span></div>
<span class="cf-footer-item">Cloudflare Ray ID: <strong>` + ray + `</strong></span><span class="cf-footer-item"><span>Your IP</span>: 203.0.113.8</span></div></div></body></html>`
}

const fiveXX2025 = `<!DOCTYPE html><html><head><title>shop.example | 522: Connection timed out</title></head><body><div class="main-wrapper">
<h1><span class="code-label">Error code 522</span></h1><div class="mt-3">2025-03-01 10:00:00 UTC</div>
<div id="cf-cloudflare-status"><span>Hong Kong</span><span>Cloudflare</span></div>
<a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_522&utm_campaign=shop.example">Cloudflare</a>
<p>Cloudflare Ray ID: <strong>` + ray + `</strong></p></div></body></html>`

const customErrorPage = `<html><head><title>Something went wrong | Example Store</title></head><body><h1>We are sorry</h1>
<div class="cf-error-details cf-error-1020"><h1>Access denied</h1><ul class="cferror_details"><li>Ray ID: ` + ray + `</li>
<li>Timestamp: 2020-09-01 10:00:00 UTC</li><li>Your IP address: 203.0.113.10</li><li class="XXX_no_wrap_overflow_hidden">Requested URL: shop.example/</li>
<li>Error reference number: 1020</li><li>Server ID: FL_33F1</li></ul></div></body></html>`

const botFightNormal = `<!DOCTYPE html><html><head><title>Example Store — Home</title></head><body><h1>Welcome</h1><p>Our products.</p>
<script>(function(){window['__CF$cv$params']={r:'` + ray + `',m:'x'};var s=document.createElement('script');s.src='/cdn-cgi/bm/cv/669835187/api.js';document.head.appendChild(s);})();</script>
<script>(function(){var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';document.head.appendChild(a);})();</script></body></html>`

const nginx403 = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

const haproxy403 = "<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n"

const akamaiPage = `<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>
You don't have permission to access "http&#58;&#47;&#47;shop&#46;example&#47;" on this server.<P>
Reference&#32;&#35;18&#46;2f4b1402&#46;1700000000&#46;1a2b3c4d
</BODY>
</HTML>`

const cloudfrontPage = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">
<TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2><HR noshade size="1px">
Request blocked. We can't connect to the server for this app or website at this time.<BR clear="all"><HR noshade size="1px"><PRE>
Generated by cloudfront (CloudFront)
Request ID: q1w2e3r4t5y6u7i8o9p0==
</PRE></BODY></HTML>`

const s3Page = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>ABCDEF123</RequestId><HostId>xyz=</HostId></Error>`

const incapsulaPage = `<html style="height:100%"><head><META NAME="robots" CONTENT="noindex,nofollow"></head><body style="margin:0px;height:100%">
<iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9&xinfo=1-2-0" frameborder=0 width="100%" height="100%">Request unsuccessful. Incapsula incident ID: 123000-456000</iframe></body></html>`

const sucuriBlock = `<!DOCTYPE html><html><head><title>Sucuri WebSite Firewall - Access Denied</title>
<link rel="stylesheet" href="https://cdn.sucuri.net/sucuri-firewall-block.css"></head><body><h2>Access Denied - Sucuri Website Firewall</h2>
<table><tr><td>Your IP:</td><td>203.0.113.11</td></tr><tr><td>Block ID:</td><td>BNP005</td></tr></table></body></html>`

const sucuriJS = `<html><head><title>You are being redirected...</title><noscript>Javascript is required.</noscript>
<script>var s={},u,c,U,r,i,l=0,a,e=eval,w=String.fromCharCode,sucuri_cloudproxy_js='',S='abc';</script></head><body></body></html>`

const fastlyPage = "Fastly error: unknown domain: shop.example. Please check that this domain has been added to a service.\n\nDetails: cache-nrt-rjtt7900029-NRT (2001:db8::1)"

const ddosGuard = `<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body><div>Checking your browser before accessing shop.example</div></body></html>`

const vercelCheckpoint = `<!DOCTYPE html><html><head><title>Vercel Security Checkpoint</title></head><body><p>Vercel Security Checkpoint</p><p>We're verifying your browser</p></body></html>`

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func cfHdr(kv ...string) http.Header {
	return hdr(append([]string{"Server", "cloudflare", "Cf-Ray", ray + "-FRA"}, kv...)...)
}

var _ = strings.TrimSpace
