package e2e

import (
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// orderFact is the definition beside the term dt in an order page's facts
// list ("" when there is none).
func orderFact(tb *tab, dt string) string {
	tb.t.Helper()
	terms := tb.texts(`main dl.facts > dt`)
	defs := tb.texts(`main dl.facts > dd`)
	for i, term := range terms {
		if term == dt && i < len(defs) {
			return defs[i]
		}
	}
	return ""
}

// mineCard is the text of the order's card in 我的诉求; it fails the test
// when the list has no card linking to the order.
func mineCard(tb *tab, number string) string {
	tb.t.Helper()
	return tb.text(`main section.card:has(a[href="` + workorder.MinePath + `/` + number + `"])`)
}

// queueRow is the order's row in 我的派单's 派给本单位 table, cell by
// header; it fails the test when the table has no row for the order.
func queueRow(tb *tab, number string) map[string]string {
	tb.t.Helper()
	table := `main section.card:has(a[href^="` + workorder.ConsolePath + `/"]) table`
	return tableRow(tb, table, `tbody tr:has(a[href="`+workorder.ConsolePath+`/`+number+`"])`)
}

// tableRow reads the row matching row (a selector within table) cell by
// header; it fails the test unless exactly one row matches.
func tableRow(tb *tab, table, row string) map[string]string {
	tb.t.Helper()
	heads := tb.texts(table + ` thead th`)
	if n := len(tb.texts(table + ` ` + row)); n != 1 {
		tb.failed("find the row "+row, unexpected(itoa(n)+" rows match, want 1"))
	}
	cells := tb.texts(table + ` ` + row + ` > *`)
	if len(cells) != len(heads) {
		tb.failed("read the row "+row, unexpected(append(heads, cells...)...))
	}
	out := make(map[string]string, len(heads))
	for i, h := range heads {
		out[h] = cells[i]
	}
	return out
}

// elderCareMeasures opens 工单统计 from the console's nav, keeps 养老服务
// in 尧化社区 over the default period (the last 30 days) and answers the
// total row, cell by header.
func elderCareMeasures(tb *tab) map[string]string {
	tb.t.Helper()
	tb.follow("click 工单统计", tap(`nav.console-nav a[href="`+workorder.MeasuresPath+`"]`))
	tb.do("choose 尧化社区 and 养老服务",
		pickOption(`#f-community`, yaohuaCommunity), pickOption(`#f-category`, elderCare))
	tb.follow("tap 统计", tap(`main form.filters button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("filter the measures", unexpected(alerts...))
	}
	out := tableRow(tb, `main .table-wrap table`, `tfoot tr`)
	if out["受理量"] == "" {
		tb.failed("read the measures", unexpected(formatRow(out)))
	}
	return out
}

// atoiOr reads a count shown on a page, -1 when it is not one (so that no
// comparison of counts passes by accident).
func atoiOr(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return -1
	}
	return n
}
