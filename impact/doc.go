// Package impact answers "whom would this hit?" from the traffic
// Cloudflare keeps for every plan: the zone's requests of the last hours,
// sampled and grouped (GraphQL httpRequestsAdaptiveGroups, the one dataset
// every plan may group all traffic with). Each group is a request the
// local evaluator and siteplan's walk of the site can judge, so a
// preview says how many requests a rule matches, which of them a change
// would newly stop or let through, and which of those the owner most
// likely wants (verified bots, monitors, webhooks). Every figure is an
// estimate and says so; conditions the analytics cannot answer (cookies,
// headers, scores) are named, and their requests counted apart.
package impact
