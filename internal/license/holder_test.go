package license_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestWallet(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	if _, err := f.s.Change(f.ctx, approverA, l.ID, license.ChangeInput{Data: map[string]string{"经营场所": "新址"}, Reason: "变更"}); err != nil {
		t.Fatal(err)
	}
	mine, err := f.s.Mine(f.ctx, holder)
	if err != nil || len(mine) != 2 || mine[0].Version != 2 || mine[1].State.Status != license.StatusSuperseded {
		t.Fatalf("wallet = %+v, %v", mine, err)
	}
	b, _ := json.Marshal(mine)
	if strings.Contains(string(b), personID) || strings.Contains(string(b), "张三") {
		t.Fatalf("wallet JSON shows personal data: %s", b)
	}
	if other, err := f.s.Mine(f.ctx, stranger); err != nil || len(other) != 0 {
		t.Fatalf("stranger's wallet = %+v, %v", other, err)
	}
	_, err = f.s.Mine(f.ctx, approverA)
	wantCode(t, err, apperr.CodeForbidden)
	_, err = f.s.Mine(f.ctx, nil)
	wantCode(t, err, apperr.CodeUnauthorized)
}

func TestExportVerifiesOffline(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	_, err := f.s.Export(f.ctx, stranger, l.ID)
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.Export(f.ctx, approverA, l.ID)
	wantCode(t, err, apperr.CodeForbidden)
	e, err := f.s.Export(f.ctx, holder, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := license.VerifyExport(e, []*smx509.Certificate{f.sealer.cert})
	if err != nil || res.Identifier != l.Meta.Identifier || res.Status != license.StatusValid || !res.ChainChecked {
		t.Fatalf("offline = %+v, %v", res, err)
	}
	raw, _ := json.Marshal(e)
	for name, edit := range map[string]func(*license.Export){
		"data":      func(e *license.Export) { e.Metadata.Data["经营场所"] = "别处" },
		"holder":    func(e *license.Export) { e.Metadata.HolderCode = otherHolder },
		"validity":  func(e *license.Export) { e.Metadata.ValidUntil = "2099-12-31" },
		"status":    func(e *license.Export) { e.Status.Status = license.StatusRevoked },
		"signature": func(e *license.Export) { e.Seal.Signature = e.StatusSeal.Signature },
		"identifier": func(e *license.Export) {
			e.Metadata.Identifier = e.Metadata.Identifier[:len(e.Metadata.Identifier)-1] + "0"
		},
		"format": func(e *license.Export) { e.Format = "other" },
		"cert":   func(e *license.Export) { e.Seal.CertPEM = "" },
	} {
		var c license.Export
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		edit(&c)
		if _, err := license.VerifyExport(c, nil); err == nil {
			t.Errorf("tampered %s verified offline", name)
		}
	}
	other := newTestSealer(t)
	if _, err := license.VerifyExport(e, []*smx509.Certificate{other.cert}); err == nil {
		t.Error("verified against a foreign CA")
	}
}
