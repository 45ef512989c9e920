package license_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// tokenOf is the token at the end of a share link.
func tokenOf(t testing.TB, link string) string {
	t.Helper()
	tok, ok := strings.CutPrefix(link, testBase+license.SharedPath+"/")
	if !ok || len(tok) != 43 {
		t.Fatalf("share link %q", link)
	}
	return tok
}

func TestShareCreateAndOpen(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	ns, err := f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{})
	if err != nil {
		t.Fatal(err)
	}
	if ns.Lifetime != "1d" || !ns.ExpiresAt.Equal(start.Add(24*time.Hour)) || ns.LicenceID != l.ID {
		t.Fatalf("share = %+v", ns)
	}
	tok := tokenOf(t, ns.URL)
	var stored string
	if err := f.d.QueryRow(f.ctx, `SELECT token_hash FROM licence_shares WHERE id = ?`, ns.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != gm.SM3Hex([]byte(tok)) || strings.Contains(stored, tok) {
		t.Fatalf("stored %q for token %q", stored, tok)
	}
	for want := 1; want <= 2; want++ {
		sh, err := f.s.OpenShare(f.ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		v := sh.Verification
		if !v.Genuine || v.Verdict != license.VerdictCurrent || v.Licence.Meta.HolderCode == personID ||
			v.Licence.Meta.Data["经营场所"] != "栖霞区仙林大道1号" || sh.Share.Views != want {
			t.Fatalf("open %d: %+v", want, sh)
		}
	}
	mine, err := f.s.MyShares(f.ctx, holder)
	if err != nil || len(mine) != 1 || mine[0].Views != 2 || !mine[0].LastViewedAt.Equal(start) {
		t.Fatalf("my shares = %+v, %v", mine, err)
	}
	if other, err := f.s.MyShares(f.ctx, stranger); err != nil || len(other) != 0 {
		t.Fatalf("stranger's shares = %+v, %v", other, err)
	}
}

// TestShareExpires makes a share of each lifetime and walks the clock to
// a second before and to each one's end.
func TestShareExpires(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	spans := map[string]time.Duration{"1h": time.Hour, "1d": 24 * time.Hour, "7d": 7 * 24 * time.Hour}
	toks := map[string]string{}
	for code := range spans {
		ns, err := f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{Lifetime: code})
		if err != nil {
			t.Fatal(err)
		}
		toks[code] = tokenOf(t, ns.URL)
	}
	for _, code := range []string{"1h", "1d", "7d"} {
		f.clock.Set(start.Add(spans[code] - time.Second))
		if _, err := f.s.OpenShare(f.ctx, toks[code]); err != nil {
			t.Fatalf("%s: a second before the end: %v", code, err)
		}
		f.clock.Set(start.Add(spans[code]))
		_, err := f.s.OpenShare(f.ctx, toks[code])
		if apperr.CodeOf(err) != apperr.CodeNotFound || !strings.Contains(err.Error(), "分享链接已失效") {
			t.Fatalf("%s: at the end: %v", code, err)
		}
	}
	mine, _ := f.s.MyShares(f.ctx, holder)
	for _, sh := range mine {
		if sh.Views != 1 || sh.StateName(f.clock.Now()) != "已过期" || !sh.ExpiresAt.Equal(start.Add(spans[sh.Lifetime])) {
			t.Errorf("expired share = %+v", sh)
		}
	}
}

func TestShareRevoke(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	ns, err := f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{Lifetime: "7d"})
	if err != nil {
		t.Fatal(err)
	}
	tok := tokenOf(t, ns.URL)
	wantCode(t, f.s.RevokeShare(f.ctx, stranger, ns.ID), apperr.CodeNotFound)
	wantCode(t, f.s.RevokeShare(f.ctx, approverA, ns.ID), apperr.CodeForbidden)
	if _, err := f.s.OpenShare(f.ctx, tok); err != nil {
		t.Fatalf("a stranger's revocation ended the share: %v", err)
	}
	for i := 0; i < 2; i++ {
		if err := f.s.RevokeShare(f.ctx, holder, ns.ID); err != nil {
			t.Fatalf("revoke %d: %v", i, err)
		}
	}
	if _, err := f.s.OpenShare(f.ctx, tok); err == nil || !strings.Contains(err.Error(), "分享链接已失效") {
		t.Fatalf("revoked share opened: %v", err)
	}
	mine, _ := f.s.MyShares(f.ctx, holder)
	if mine[0].StateName(f.clock.Now()) != "已撤销" || mine[0].Active(f.clock.Now()) {
		t.Fatalf("revoked share = %+v", mine[0])
	}
	wantCode(t, f.s.RevokeShare(f.ctx, holder, ns.ID+9), apperr.CodeNotFound)
}

func TestShareRefusals(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	_, err := f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{Lifetime: "2d"})
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || !strings.Contains(e.Fields["lifetime"], "有效期") {
		t.Fatalf("bad lifetime: %v", err)
	}
	_, err = f.s.CreateShare(f.ctx, stranger, l.ID, license.ShareInput{})
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.CreateShare(f.ctx, approverA, l.ID, license.ShareInput{})
	wantCode(t, err, apperr.CodeForbidden)
	_, err = f.s.CreateShare(f.ctx, nil, l.ID, license.ShareInput{})
	wantCode(t, err, apperr.CodeUnauthorized)
	_, err = f.s.CreateShare(f.ctx, holder, l.ID+9, license.ShareInput{})
	wantCode(t, err, apperr.CodeNotFound)
	if _, err := f.s.Suspend(f.ctx, approverA, l.ID, license.StatusInput{Reason: "整改"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{})
	wantCode(t, err, apperr.CodeConflict)
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM licence_shares`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d shares written by refused requests (%v)", n, err)
	}
	for _, tok := range []string{"", "short", strings.Repeat("A", 43), strings.Repeat("!", 43)} {
		_, err := f.s.OpenShare(f.ctx, tok)
		if apperr.CodeOf(err) != apperr.CodeNotFound || strings.Contains(err.Error(), "已失效") {
			t.Errorf("token %q: %v", tok, err)
		}
	}
	g := newFixtureWith(t)
	gl := g.issue(t)
	_, err = g.s.CreateShare(g.ctx, holder, gl.ID, license.ShareInput{})
	wantCode(t, err, apperr.CodeUnavailable)
}

func TestShareQR(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	ns, err := f.s.CreateShare(f.ctx, holder, l.ID, license.ShareInput{})
	if err != nil {
		t.Fatal(err)
	}
	tok := tokenOf(t, ns.URL)
	if ns.QRPath != "/my/licences/shares/"+strconv.FormatInt(ns.ID, 10)+"/qr.png?t="+tok {
		t.Fatalf("QR path %q", ns.QRPath)
	}
	b, err := f.s.ShareQR(f.ctx, holder, ns.ID, tok)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := license.QRPNG(ns.URL, 6)
	if string(b) != string(want) {
		t.Error("the QR image is not the share link's")
	}
	other := tok[:42] + map[bool]string{true: "B", false: "A"}[tok[42] == 'A']
	_, err = f.s.ShareQR(f.ctx, holder, ns.ID, other)
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.ShareQR(f.ctx, stranger, ns.ID, tok)
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.ShareQR(f.ctx, approverA, ns.ID, tok)
	wantCode(t, err, apperr.CodeForbidden)
}
