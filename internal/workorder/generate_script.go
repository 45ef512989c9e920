package workorder

import (
	"math/rand/v2"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// genScript draws the life of each generated order: mostly answered and
// resolved in time, some late, some returned (退单) and reassigned, a few
// parked (挂账), merged, referred or cancelled, a few stuck and overdue,
// most followed up (回访) with a satisfaction, a few reopened.
type genScript struct {
	rnd *rand.Rand
	cal *calendar.Calendar
	now time.Time
}

// minutes is a random duration between lo and hi minutes.
func (g *genScript) minutes(lo, hi float64) time.Duration {
	return time.Duration((lo + g.rnd.Float64()*(hi-lo)) * float64(time.Minute))
}

// share is a random share of w between lo and hi.
func (g *genScript) share(w time.Duration, lo, hi float64) time.Duration {
	return time.Duration(float64(w) * (lo + g.rnd.Float64()*(hi-lo)))
}

// deadline is the end of limit l counted from start: hours on the wall
// clock, working days over the calendar (to 24:00 of the last day).
func (g *genScript) deadline(start time.Time, l Limit) time.Time {
	if l.Unit == UnitWorkdays {
		return g.cal.DeadlineAfterWorkdays(start, l.Value, calendar.OfficeHours{}).UTC()
	}
	return start.Add(l.Duration())
}

// live plays one order's life from filing; unit is where its category's
// rule sends it, mode direct or grab.
func (g *genScript) live(o *genOrder, c genCategory, unit genUnit, mode string) {
	l := &genLife{o: o, now: g.now, at: o.FiledAt.Add(-time.Second)}
	respLimit, resLimit := c.LimitsFor(o.Urgency)
	respDue, resDue := g.deadline(o.FiledAt, respLimit), g.deadline(o.FiledAt, resLimit)
	l.add(0, EventFiled, "", genUnit{}, genFilerOf(o.Channel), "", filedPayload{Channel: o.Channel, Category: o.CategoryCode,
		CategoryVersion: o.CategoryVersion, Urgency: o.Urgency, Street: o.Place.Street, Community: o.Place.Community,
		Grid: o.Place.Grid, PlaceSource: o.Place.Source})
	fate := g.rnd.Float64()
	switch {
	case fate < 0.02:
		l.add(g.minutes(5, 90), EventCancelled, OutcomeCancelled, genUnit{}, genResident, "问题已自行解决", nil)
	case fate < 0.04:
		l.add(g.minutes(20, 240), EventReferred, OutcomeReferred, genUnit{}, genDesk, "已转交供电公司处理", nil)
	default:
		g.handle(l, o, c, unit, mode, respDue, resDue, fate)
	}
	g.clocks(o, respLimit, resLimit, respDue, resDue)
	o.assign = genAssignmentOf(o, mode)
}

// handle dispatches, answers, resolves and follows up the order.
func (g *genScript) handle(l *genLife, o *genOrder, c genCategory, unit genUnit, mode string, respDue, resDue time.Time, fate float64) {
	pl := genDispatch{Lead: unit, Mode: mode, Source: "default_handler"}
	respond := g.share(respDue.Sub(o.FiledAt), 0.1, 0.9)
	if g.rnd.Float64() < 0.12 {
		respond = g.share(respDue.Sub(o.FiledAt), 1.05, 3)
	}
	dispatch := min(g.minutes(1, 30), respond/2)
	if mode == "grab" {
		l.add(dispatch, EventPooled, "", unit, genSystem, "", pl)
		l.add(respond-dispatch, EventGrabbed, "", unit, genStaffOf(unit), "", nil)
	} else {
		l.add(dispatch, EventDispatched, "", unit, genSystem, "", pl)
		l.add(respond-dispatch, EventAccepted, "", unit, genStaffOf(unit), "", nil)
	}
	if fate < 0.07 {
		l.add(g.minutes(10, 360), EventMerged, OutcomeDuplicate, unit, genDesk, "与同一地点的诉求合并办理", nil)
		return
	}
	if fate < 0.10 {
		unit = g.returnAndReassign(l, o, unit)
	}
	if g.rnd.Float64() < 0.5 {
		l.add(g.minutes(5, 60), EventResponded, "", unit, genStaffOf(unit), "已联系诉求人，正在安排处理", nil)
	}
	if g.rnd.Float64() < 0.35 {
		l.add(g.minutes(30, 600), EventNote, "", unit, genStaffOf(unit), "已到现场查看", nil)
	}
	if fate > 0.985 { // stuck: never resolved, overdue by now
		if fate > 0.995 {
			l.add(g.minutes(60, 2880), EventParked, "", unit, genStaffOf(unit), "需纳入年度改造计划", nil)
		}
		return
	}
	g.resolve(l, o, c, unit, resDue)
}

// returnAndReassign has the unit return the order (退单) and a dispatcher
// send it to the street, which accepts it; it returns the new unit.
func (g *genScript) returnAndReassign(l *genLife, o *genOrder, unit genUnit) genUnit {
	to := genUnit{Kind: "street", Code: o.Place.Street}
	if unit == to {
		to = genUnit{Kind: "community", Code: o.Place.Community}
	}
	l.add(g.minutes(30, 480), EventReturned, "", unit, genStaffOf(unit), "不属于本单位职责", map[string]string{"reason": "不属于本单位职责"})
	l.add(g.minutes(30, 240), EventReassigned, "", to, genDesk, "", genDispatch{Lead: to, Mode: "direct",
		Source: "manual", Previous: &unit})
	l.add(g.minutes(10, 120), EventAccepted, "", to, genStaffOf(to), "", nil)
	return to
}

// resolve ends the handling with an outcome, by the deadline or late,
// through 核查 when the category asks for it; then the follow-up.
func (g *genScript) resolve(l *genLife, o *genOrder, c genCategory, unit genUnit, resDue time.Time) {
	window := resDue.Sub(o.FiledAt)
	end := o.FiledAt.Add(g.share(window, 0.15, 0.95))
	if g.rnd.Float64() < 0.15 {
		end = o.FiledAt.Add(g.share(window, 1.05, 2.5))
	}
	if g.rnd.Float64() < 0.015 {
		l.add(g.minutes(60, 1440), EventParked, "", unit, genStaffOf(unit), "需协调产权单位，暂挂账", nil)
		park := g.minutes(5*1440, 30*1440)
		l.add(park, EventUnparked, "", unit, genStaffOf(unit), "", nil)
		end = end.Add(park)
	}
	outcome := OutcomeFixed
	switch r := g.rnd.Float64(); {
	case r < 0.03:
		outcome = OutcomeNotOurs
	case r < 0.11:
		outcome = OutcomeNotFixed
	}
	if c.Verify && outcome != OutcomeNotOurs {
		l.add(end.Sub(l.at)-g.minutes(30, 240), EventReported, outcome, unit, genStaffOf(unit), "已处理，请核查", nil)
		checker := genUnit{Kind: "street", Code: o.Place.Street}
		l.add(end.Sub(l.at), EventResolved, outcome, checker, genStaffOf(checker), "经核查属实，予以办结", nil)
	} else {
		l.add(end.Sub(l.at), EventResolved, outcome, unit, genStaffOf(unit), genResolutionNotes[outcome], nil)
	}
	g.followUp(l, o, unit, outcome, end.After(resDue))
}

var genResolutionNotes = map[Outcome]string{OutcomeFixed: "已处理完毕", OutcomeNotFixed: "已向诉求人解释说明，暂无法解决",
	OutcomeNotOurs: "经核实不属于本区职责，已告知诉求人"}

// followUp asks the requester (回访); a few unhappy ones reopen the order,
// which is resolved again.
func (g *genScript) followUp(l *genLife, o *genOrder, unit genUnit, outcome Outcome, late bool) {
	if g.rnd.Float64() >= 0.72 {
		l.add(7*24*time.Hour, EventClosed, "", genUnit{}, genSystem, "回访期满，自动关闭", nil)
		return
	}
	sat := g.satisfaction(outcome, late)
	fixed := outcome == OutcomeFixed && sat >= 3
	if !l.add(g.minutes(60, 4320), EventFollowedUp, "", genUnit{}, genDesk, "", FollowUpPayload{Satisfaction: sat, Fixed: &fixed}) {
		return
	}
	ch := []string{"phone", "sms", "online"}[g.rnd.IntN(3)]
	o.follow = &genFollow{channel: ch, asked: l.at.Add(-g.minutes(5, 600)), fixed: fixed, satisfaction: sat}
	if sat <= 2 && g.rnd.Float64() < 0.3 {
		l.add(g.minutes(60, 2880), EventReopened, "", unit, genResident, "问题仍未解决", nil)
		l.add(g.minutes(600, 4320), EventResolved, OutcomeFixed, unit, genStaffOf(unit), "已再次处理", nil)
		second := g.satisfaction(OutcomeFixed, true)
		fixed = second >= 3
		l.add(g.minutes(60, 2880), EventFollowedUp, "", genUnit{}, genDesk, "", FollowUpPayload{Satisfaction: second, Fixed: &fixed})
	}
}

// genSatisfactionWeights are the cumulative shares of answers 5, 4, 3, 2, 1.
var genSatisfactionWeights = map[Outcome][]float64{
	OutcomeFixed:    {0.60, 0.87, 0.96, 0.99, 1},
	OutcomeNotFixed: {0.05, 0.20, 0.50, 0.80, 1},
	OutcomeNotOurs:  {0.15, 0.45, 0.75, 0.92, 1},
}

// satisfaction draws an answer; late orders please less.
func (g *genScript) satisfaction(outcome Outcome, late bool) int {
	r := g.rnd.Float64()
	if late {
		r = min(r+0.15, 0.999)
	}
	for i, c := range genSatisfactionWeights[outcome] {
		if r < c {
			return 5 - i
		}
	}
	return 1
}

// genFilerOf is who files an order of a channel.
func genFilerOf(c Channel) genActor {
	switch c {
	case ChannelH5, ChannelProperty:
		return genResident
	case ChannelHotline2, ChannelGridCentre, ChannelWeCom, ChannelAPI:
		return genActor{kind: "api_key"}
	}
	return genDesk
}
