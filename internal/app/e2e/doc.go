// Package e2e drives the assembled Shanzhi site with a real browser: a
// seeded demo app on a test database, served over HTTP, and Debian's
// headless chromium controlled through chromedp. Its tests follow the key
// journeys of residents and staff end to end, as people would click
// through them, so a broken link, form field or redirect between modules
// shows up even when every module's own tests pass.
//
// The package holds tests only. They need /usr/bin/chromium and fail (not
// skip) without it. Set SHANZHI_E2E_SHOTS=1 to copy each journey's final
// screenshot to /tmp/shots/e2e-<journey>.png for people to look at.
package e2e
