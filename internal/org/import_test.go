package org

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestImportQixia(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := openDB(t)
	wantStreets, wantCommunities := csvCounts(t, QixiaCode, "320113401001", "320113401002")
	if wantStreets != 9 || wantCommunities != 131 {
		t.Fatalf("the embedded files changed: %d streets, %d communities", wantStreets, wantCommunities)
	}
	res, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource())
	if err != nil {
		t.Fatal(err)
	}
	if res.Streets.Added != 9 || res.Communities.Added != 131 || res.SkippedUnits != 12 || res.SkippedCommunities != 11 {
		t.Fatalf("result = %+v", res)
	}
	if n := countRows(t, d, "streets", ""); n != 9 {
		t.Errorf("streets = %d, want 9", n)
	}
	if n := countRows(t, d, "communities", ""); n != 131 {
		t.Errorf("communities = %d, want 131", n)
	}
	if n := countRows(t, d, "communities", "kind = 'village'"); n != 29 {
		t.Errorf("villages = %d, want 29", n)
	}
	if n := countRows(t, d, "streets", "code >= '320113400'"); n != 0 {
		t.Errorf("%d statistical units imported as streets", n)
	}
	if n := countRows(t, d, "communities", "name LIKE '%虚拟社区' OR code LIKE '320113400%'"); n != 0 {
		t.Errorf("%d statistical communities imported", n)
	}
	if n := auditCount(t, d, "org.divisions.import"); n != 1 {
		t.Errorf("audit records = %d, want 1", n)
	}
	checkQixiaRows(t, New(d))
}

// checkQixiaRows checks official codes, names, kinds and the reattached pair.
func checkQixiaRows(t *testing.T, s *Service) {
	ctx := context.Background()
	cases := []struct {
		code, street, name, short string
		kind                      CommunityKind
		from                      string
	}{
		{"320113001001", "320113001", "尧化社区居委会", "尧化社区", KindCommunity, ""},
		{"320113003018", "320113003", "馨合园社区居民委员会", "馨合园社区", KindCommunity, ""},
		{"320113006200", "320113006", "兴隆村村委会", "兴隆村", KindVillage, ""},
		{"320113010201", "320113010", "孟北村委会", "孟北村", KindVillage, ""},
		{"320113401001", "320113002", "东阳社区居委会", "东阳社区", KindCommunity, "320113401"},
		{"320113401002", "320113002", "西花社区居委会", "西花社区", KindCommunity, "320113401"},
	}
	for _, c := range cases {
		got, err := s.GetCommunity(ctx, nil, c.code)
		if err != nil {
			t.Fatalf("GetCommunity(%s): %v", c.code, err)
		}
		if got.StreetCode != c.street || got.Name != c.name || got.ShortName != c.short || got.Kind != c.kind ||
			got.ReattachedFrom != c.from || got.DistrictCode != QixiaCode {
			t.Errorf("community %s = %+v", c.code, got)
		}
	}
	streets, err := s.ListStreets(ctx, nil, QixiaCode, Page{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, st := range streets.Items {
		names = append(names, st.Name)
	}
	want := "尧化街道 马群街道 迈皋桥街道 燕子矶街道 栖霞街道 龙潭街道 仙林街道 八卦洲街道 西岗街道"
	if strings.Join(names, " ") != want || streets.Total != 9 {
		t.Errorf("streets = %v (total %d)", names, streets.Total)
	}
	maqun, err := s.GetStreet(ctx, nil, "320113002")
	if err != nil || maqun.Communities != 19 || maqun.Villages != 0 {
		t.Errorf("马群街道 = %+v, %v; want 17 communities + 东阳 + 西花", maqun, err)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := openDB(t)
	if _, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	res, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource())
	if err != nil {
		t.Fatal(err)
	}
	if res.Streets != (Changes{Unchanged: 9}) || res.Communities != (Changes{Unchanged: 131}) {
		t.Fatalf("second import = %+v", res)
	}
	if countRows(t, d, "streets", "") != 9 || countRows(t, d, "communities", "") != 131 {
		t.Fatal("second import changed the row counts")
	}
	if n := auditCount(t, d, "org.divisions.import"); n != 2 {
		t.Errorf("audit records = %d, want one per import", n)
	}
}

func TestImportUpdatesAndNeverDeletes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := openDB(t)
	s := New(d)
	if _, err := ImportDivisions(ctx, d, QixiaCode, EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateGrid(ctx, actorWith(1, "admin", street("320113001")),
		GridInput{CommunityCode: "320113001001", Name: "尧化社区第1网格"}); err != nil {
		t.Fatal(err)
	}
	// Rename a street and a community; drop a community (with a grid) from the list.
	dir := editedSource(t, map[string]string{
		`320113001,"尧化街道"`:                                    `320113001,"新尧化街道"`,
		`320113001002,"尧石二村社区居委会"`:                            `320113001002,"尧石社区居委会"`,
		"320113001001,\"尧化社区居委会\",320113001,32,3201,320113\n": "",
	})
	res, err := ImportDivisions(ctx, d, QixiaCode, DirSource(dir))
	if err != nil {
		t.Fatal(err)
	}
	if res.Streets != (Changes{Updated: 1, Unchanged: 8}) ||
		res.Communities != (Changes{Updated: 1, Unchanged: 129, NotInSource: 1}) {
		t.Fatalf("result = %+v", res)
	}
	st, _ := s.GetStreet(ctx, nil, "320113001")
	c, _ := s.GetCommunity(ctx, nil, "320113001002")
	kept, err := s.GetCommunity(ctx, nil, "320113001001")
	if st.Name != "新尧化街道" || c.Name != "尧石社区居委会" || c.ShortName != "尧石社区" || err != nil || kept.Grids != 1 {
		t.Errorf("after re-import: street %+v, community %+v, kept %+v (%v)", st, c, kept, err)
	}
}

// editedSource writes a copy of the embedded files with replacements.
func editedSource(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{fileAreas, fileStreets, fileVillages} {
		b, err := embedded.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for old, repl := range edits {
			text = strings.Replace(text, old, repl, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportOtherDistricts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := openDB(t)
	s := New(d)
	for _, c := range []struct {
		code, name           string
		streets, communities int
	}{
		{"320102", "玄武区", 7, 60},
		{"320115", "江宁区", 10, 207},
	} {
		ws, wc := csvCounts(t, c.code)
		if ws != c.streets || wc != c.communities {
			t.Fatalf("%s: the embedded files give %d/%d", c.code, ws, wc)
		}
		res, err := ImportDivisions(ctx, d, c.code, EmbeddedSource())
		if err != nil {
			t.Fatal(err)
		}
		if res.District.Name != c.name || res.Streets.Added != ws || res.Communities.Added != wc {
			t.Errorf("%s: result %+v", c.code, res)
		}
		streets, err := s.ListStreets(ctx, nil, c.code, Page{Limit: 100})
		if err != nil || streets.Total != ws || len(streets.Items) != ws {
			t.Errorf("%s: ListStreets = %d items, total %d, %v", c.code, len(streets.Items), streets.Total, err)
		}
		if n := countRows(t, d, "communities", "district_code = ?", c.code); n != wc {
			t.Errorf("%s: %d communities, want %d", c.code, n, wc)
		}
	}
	if n := countRows(t, d, "streets", "CAST(substr(code, 7, 3) AS INTEGER) >= 400"); n != 0 {
		t.Errorf("%d statistical units imported", n)
	}
}

func TestImportRefusesBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := openDB(t)
	missing := t.TempDir()
	broken := editedSource(t, map[string]string{`320113001019,"尧林仙居社区居委会"`: `32011300101X,"尧林仙居社区居委会"`})
	for _, c := range []struct {
		name, district, field string
		src                   Source
	}{
		{"unknown district", "999999", "district", EmbeddedSource()},
		{"short code", "32011", "district", EmbeddedSource()},
		{"letters", "32011X", "district", EmbeddedSource()},
		{"missing files", QixiaCode, "from", DirSource(missing)},
		{"malformed row", QixiaCode, "from", DirSource(broken)},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ImportDivisions(ctx, d, c.district, c.src)
			wantInvalid(t, err, c.field)
			if e, _ := apperr.As(err); !strings.Contains(e.Message, "区") {
				t.Errorf("message %q does not say what is wrong", e.Message)
			}
		})
	}
	for _, table := range []string{"districts", "streets", "communities", "audit_log"} {
		if n := countRows(t, d, table, ""); n != 0 {
			t.Errorf("%s has %d rows after failed imports", table, n)
		}
	}
}
