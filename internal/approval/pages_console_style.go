package approval

import (
	"net/http"
	"strconv"
)

// consoleCSSPath serves the console pages' own styles: the site's policy
// forbids inline styles, so they come from a file like every other sheet.
// The path stays outside /static/approval/, which the applicant pages own.
const consoleCSSPath = "/static/approval-console.css"

const consoleCSS = `.k-filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.k-filters .field { margin-bottom: .5rem; }
.k-filters select { max-width: 16rem; }
.k-go { display: flex; gap: .5rem; }
.k-row-actions { display: flex; gap: .4rem; flex-wrap: wrap; }
.k-row-actions form { margin: 0; }
.k-facts { display: grid; grid-template-columns: 9rem 1fr; gap: .35rem 1rem; margin: 0; }
.k-facts dt { color: var(--muted); }
.k-facts dd { margin: 0; }
.k-figure { font-size: 1.8rem; font-weight: 600; margin: 0; }
.k-split { display: grid; gap: 1rem; }
@media (min-width: 1100px) { .k-split { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.k-defects td { vertical-align: top; }
.k-defects input { width: 100%; }
.k-actions { display: grid; gap: 1rem; }
.k-actions form { margin: 0; }
.k-inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
.k-inline .field { margin-bottom: 0; }
.k-findings { margin: .25rem 0 0; padding-left: 1.2rem; }
.k-evidence { color: var(--muted); font-size: .85rem; }
.k-timeline { list-style: none; padding: 0; margin: 0; }
.k-timeline li { padding: .35rem 0; border-bottom: 1px solid var(--line); }
.k-timeline li:last-child { border-bottom: 0; }
.k-msg { padding: .4rem 0; border-bottom: 1px solid var(--line); }
.k-msg-staff { padding-left: 1rem; }
.k-open { list-style: none; padding: 0; margin: 0; }
.k-open li { padding: .2rem 0; }
.k-nowrap { white-space: nowrap; }
.k-ref { color: var(--muted); font-size: .8rem; word-break: break-all; }
.k-facts + h3 { margin-top: 1rem; }
.k-sub td.wrap { min-width: 0; }
fieldset.k-choices { border: 0; padding: 0; margin: 0 0 .75rem; display: flex; gap: 1.25rem; flex-wrap: wrap; }
.k-choices legend { font-weight: 500; margin-bottom: .3rem; padding: 0; }
.k-choices label { font-weight: normal; }
.k-dept { max-width: 18rem; }
.k-short { width: 7rem; }
.k-grow { flex: 1 1 12rem; }
.k-grow input { width: 100%; }
.k-sub { margin: .25rem 0 0; font-size: .85rem; }
.k-sub td, .k-sub th { padding: .2rem .4rem; }
`

// serveConsoleCSS answers the console style sheet.
func serveConsoleCSS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(len(consoleCSS)))
	_, _ = w.Write([]byte(consoleCSS))
}
