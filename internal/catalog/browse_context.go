package catalog

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Where a resident may have an item handled, and what they are shown.
//
// Every item lists its exercise levels (行使层级: district, street,
// community): the levels of service point that may accept it. Under 区街同权
// any point of such a level in the district accepts it, whichever street
// the applicant lives in; the case then flows to the back office. Online
// means the item can be done on the phone (网上办).
//
// A resident browses in a context, a channel:
//   - online (?channel=online, 网上办): only the items that can be done on
//     the phone are listed;
//   - a service point (?point=CODE, e.g. from the QR code at a community
//     station): only the items a point of its level may accept are listed.
//     The choice is kept in the svc_point cookie, so it holds while the
//     resident browses, until they clear it (?point= with no code) or pick
//     网上办;
//   - neither: every item in force is listed.
//
// Browsing a street (?street=CODE) lists what the street's own points
// (its centre and community stations) may accept: the items of the street
// or community level. It combines with the context, like any browse list.

// pointCookie remembers the service point the resident is at.
const pointCookie = "svc_point"

// pointCookieAge bounds the memory to about one visit: a resident who
// scanned a station's code should not find their phone still "at" the
// station days later.
const pointCookieAge = 12 * 60 * 60

// channelOnline is the channel of the phone (网上办).
const channelOnline = "online"

// browseContext is the resident's channel: online, at a point, or neither.
type browseContext struct {
	Online bool
	Point  *Place
}

// apply narrows q to what the context allows.
func (c browseContext) apply(q *Query) {
	q.Online = c.Online
	if c.Point != nil {
		q.PointLevel = c.Point.Level
	}
}

// query is the context as a query string for links, "" or "?channel=online";
// a point needs none, since its cookie travels with every request.
func (c browseContext) query() template.URL {
	if c.Online {
		return "?channel=" + channelOnline
	}
	return ""
}

// pointKinds names a level of service point for residents.
var pointKinds = map[Level]string{
	LevelDistrict:  "区级政务服务中心",
	LevelStreet:    "街道政务服务中心",
	LevelCommunity: "社区便民服务站",
}

// Kind is the point's kind in words, e.g. 社区便民服务站.
func (p Place) Kind() string { return nameOr(pointKinds, p.Level) }

// residentContext reads the resident's context from the request and keeps
// the point's cookie in step: a chosen point is remembered, ?point= with no
// code and 网上办 forget it, and a remembered point that has since closed
// is dropped quietly. An unknown point or channel asked for in the URL is
// an error naming the field; the context is then empty.
func (p *publicSite) residentContext(w http.ResponseWriter, r *http.Request) (browseContext, error) {
	qs := r.URL.Query()
	if qs.Has("point") {
		code := strings.TrimSpace(qs.Get("point"))
		if code == "" {
			p.forgetPoint(w, r)
			return browseContext{}, nil
		}
		pl, err := p.point(r, code)
		if err != nil {
			return browseContext{}, err
		}
		p.rememberPoint(w, r, pl.Code)
		return browseContext{Point: &pl}, nil
	}
	switch ch := qs.Get("channel"); ch {
	case channelOnline:
		p.forgetPoint(w, r)
		return browseContext{Online: true}, nil
	case "":
	default:
		return browseContext{}, apperr.Invalid("channel", "办理渠道无效，只能是 online（网上办）")
	}
	ck, err := r.Cookie(pointCookie)
	if err != nil || ck.Value == "" {
		return browseContext{}, nil
	}
	pl, err := p.point(r, ck.Value)
	if apperr.CodeOf(err) == apperr.CodeNotFound || apperr.CodeOf(err) == apperr.CodeInvalid {
		p.forgetPoint(w, r)
		return browseContext{}, nil
	}
	if err != nil {
		return browseContext{}, err
	}
	return browseContext{Point: &pl}, nil
}

// point looks a service point up; an unknown or malformed code is not
// found, with a message that tells the resident what to check.
func (p *publicSite) point(r *http.Request, code string) (Place, error) {
	missing := apperr.NotFound("没有找到编号为 " + short(code) + " 的办事网点，请核对网点二维码旁的编号")
	if p.h.places == nil || len(code) > 40 {
		return Place{}, missing
	}
	pl, err := p.h.places.Point(r.Context(), code)
	switch apperr.CodeOf(err) {
	case apperr.CodeNotFound, apperr.CodeInvalid:
		return Place{}, missing
	}
	if err != nil {
		return Place{}, err
	}
	if !pl.Level.Valid() {
		return Place{}, missing
	}
	return pl, nil
}

// secureCookie reports whether the point's cookie needs the Secure flag:
// when the site says so, or when the request itself came over TLS.
func (p *publicSite) secureCookie(r *http.Request) bool { return p.secure || r.TLS != nil }

func (p *publicSite) rememberPoint(w http.ResponseWriter, r *http.Request, code string) {
	http.SetCookie(w, &http.Cookie{Name: pointCookie, Value: code, Path: "/", MaxAge: pointCookieAge,
		HttpOnly: true, Secure: p.secureCookie(r), SameSite: http.SameSiteLaxMode})
}

// forgetPoint deletes the cookie, only when the resident has one.
func (p *publicSite) forgetPoint(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(pointCookie); err != nil {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: pointCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: p.secureCookie(r), SameSite: http.SameSiteLaxMode})
}

// href is the services page browsed by key=value, keeping the channel.
func (c browseContext) href(key, value string) string {
	q := url.Values{key: {value}}
	if c.Online {
		q.Set("channel", channelOnline)
	}
	return "/services?" + q.Encode()
}
