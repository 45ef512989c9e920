package license

import (
	"net/http"
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// walletView is the data of the holder's wallet page.
type walletView struct {
	CSS       string
	Items     []walletItem
	Lifetimes []Lifetime
	Default   string
	Now       time.Time
	// Error is the alert of a refused share, shown at licence ErrorFor.
	Error    string
	ErrorFor int64
	Flash    string
}

// walletItem is one licence with the versions it superseded.
type walletItem struct {
	licenceCard
	Older    []licenceCard // newest first
	CanShare bool
	Shares   []Share // the working share links of any version
}

// licenceCard is a licence with its verdict as of today, by status and
// validity (the seals are checked on the verification page).
type licenceCard struct {
	Licence
	Verdict  Verdict
	Badge    string // ok | warn | danger | ""
	Validity string
	// Links: the public verification page, the PDF and the export file.
	VerifyHref, PDFHref, ExportHref string
}

// badges colour the verdicts.
var badges = map[Verdict]string{VerdictCurrent: "ok", VerdictExpired: "warn", VerdictSuspended: "warn",
	VerdictRevoked: "danger"}

func cardOf(l Licence, day string) licenceCard {
	v := verdictOf(l, day)
	id := idString(l.ID)
	return licenceCard{Licence: l, Verdict: v, Badge: badges[v], Validity: validityCN(l.Meta),
		VerifyHref: VerifyPath(l.Meta.Identifier), PDFHref: WalletPath + "/" + id + "/pdf",
		ExportHref: web.APIPrefix + "/licences/" + id + "/export"}
}

// walletPage lists the holder's licences: current ones first, each with
// its older versions folded under it, and the working share links.
func (h *Handlers) walletPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.wallet(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "revoked" {
		v.Flash = "分享链接已撤销，打开该链接将显示“分享链接已失效”。"
	}
	h.rd.Render(w, r, http.StatusOK, "license/wallet", v)
}

// wallet reads the signed-in holder's wallet.
func (h *Handlers) wallet(r *http.Request) (walletView, error) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	ls, err := h.svc.Mine(ctx, actor)
	if err != nil {
		return walletView{}, err
	}
	shares, err := h.svc.MyShares(ctx, actor)
	if err != nil {
		return walletView{}, err
	}
	now := h.svc.db.Clock.Now()
	return walletView{CSS: stylesheet, Items: group(ls, shares, now), Lifetimes: ShareLifetimes,
		Default: DefaultLifetime, Now: now}, nil
}

// group folds the versions of each licence (newest first, as Mine lists
// them) under the newest, puts current licences first and attaches the
// working share links.
func group(ls []Licence, shares []Share, now time.Time) []walletItem {
	day := today(now)
	var items []walletItem
	at := map[string]int{}  // chain → item
	ofID := map[int64]int{} // licence id → item
	for _, l := range ls {
		key := l.Meta.TypeCode + "." + l.Meta.IssuerCode + "." + l.Serial
		i, seen := at[key]
		if !seen {
			i = len(items)
			at[key] = i
			items = append(items, walletItem{licenceCard: cardOf(l, day), CanShare: l.State.Status == StatusValid})
		} else {
			items[i].Older = append(items[i].Older, cardOf(l, day))
		}
		ofID[l.ID] = i
	}
	for _, sh := range shares {
		if i, ok := ofID[sh.LicenceID]; ok && sh.Active(now) {
			items[i].Shares = append(items[i].Shares, sh)
		}
	}
	slices.SortStableFunc(items, func(a, b walletItem) int {
		return boolRank(a.Verdict != VerdictCurrent) - boolRank(b.Verdict != VerdictCurrent)
	})
	return items
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// shareCreatedView is the page showing a new share link, once.
type shareCreatedView struct {
	CSS      string
	Share    NewShare
	Licence  string // the licence's name
	Lifetime string
}

// createShare makes a share link (form: lifetime) and shows it with its
// QR code. A refused share shows the wallet again with the reason.
func (h *Handlers) createShare(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	id, err := parseID(r.PathValue("id"))
	var ns NewShare
	if err == nil {
		ns, err = h.svc.CreateShare(ctx, actor, id, ShareInput{Lifetime: f.Value("lifetime")})
	}
	if err != nil {
		h.walletError(w, r, id, err)
		return
	}
	life, _ := lifetimeOf(ns.Lifetime)
	name := ""
	if l, err := h.svc.VerifyID(ctx, ns.LicenceID); err == nil && l.Licence != nil {
		name = l.Licence.Meta.Name
	}
	h.rd.Render(w, r, http.StatusOK, "license/share_created", shareCreatedView{CSS: stylesheet, Share: ns,
		Licence: name, Lifetime: life.Name})
}

// walletError shows the wallet with a refused share's message (bad
// lifetime, a licence that cannot be shared), or the error page.
func (h *Handlers) walletError(w http.ResponseWriter, r *http.Request, id int64, err error) {
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		h.rd.Error(w, r, err)
		return
	}
	v, werr := h.wallet(r)
	if werr != nil {
		h.rd.Error(w, r, werr)
		return
	}
	v.Error, v.ErrorFor = e.Message, id
	h.rd.Render(w, r, web.StatusOf(err), "license/wallet", v)
}

// revokeShare ends a share link and goes back to the wallet.
func (h *Handlers) revokeShare(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err == nil {
		err = h.svc.RevokeShare(r.Context(), web.ActorFrom(r.Context()), id)
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, WalletPath+"?done=revoked", http.StatusSeeOther)
}

// shareQR answers the QR code PNG of a share link the holder just made
// (?t= carries the token the creation page had).
func (h *Handlers) shareQR(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	var png []byte
	if err == nil {
		png, err = h.svc.ShareQR(r.Context(), web.ActorFrom(r.Context()), id, r.URL.Query().Get("t"))
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(png)
}
