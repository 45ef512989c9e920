package catalog

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// legacySaveAll is the item-by-item path the bulk save replaced: saveDraft
// for every item, then publish for every item. The bulk path must write
// exactly what it writes.
func legacySaveAll(ctx context.Context, tx *db.Tx, actor *authz.Actor, items []Item, pub bool, eff time.Time, depts map[string]bool) error {
	for i := range items {
		if _, err := saveDraft(ctx, tx, actor, &items[i]); err != nil {
			return err
		}
	}
	if !pub {
		return nil
	}
	for _, it := range items {
		if _, err := publish(ctx, tx, actor, it.ImplCode, eff, depts); err != nil {
			return err
		}
	}
	return nil
}

type bulkSaveFunc func(context.Context, *db.Tx, *authz.Actor, []Item, bool, time.Time, map[string]bool) error

// bulkRows renders every catalogue and audit row, without surrogate ids,
// one string per row.
func bulkRows(t *testing.T, d *db.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT impl_code, district, basic_code, parent_code, level_kind, status, created_at, updated_at
			FROM catalog_items ORDER BY impl_code`,
		`SELECT i.impl_code, v.version, v.state, v.effective_from, v.body, v.name, v.item_type, v.department, v.levels,
			v.instant, v.visits, v.online, v.agent, v.door_to_door, v.created_at, v.created_by, v.updated_at,
			v.published_at, v.published_by
			FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id ORDER BY i.impl_code, v.version`,
		`SELECT seq, occurred_at, actor_id, actor_kind, actor_name, district, session_id, request_id, action,
			object_type, object_id, before_digest, after_digest, prev_hash, hash FROM audit_log ORDER BY seq`,
	} {
		out = append(out, bulkDump(t, d, q)...)
	}
	return out
}

func bulkDump(t *testing.T, d *db.DB, q string) []string {
	t.Helper()
	rows, err := d.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			if bs, ok := v.([]byte); ok {
				v = string(bs)
			}
			fmt.Fprintf(&b, "%s=%v|", cols[i], v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// bulkCase is a catalogue state and an import into it.
type bulkCase struct {
	prior   func(t *testing.T, s *Service)
	items   []Item
	publish bool
	eff     time.Time
}

// bulkRunBoth applies a case to two fresh databases, one per path, and
// returns their snapshots.
func bulkRunBoth(t *testing.T, c bulkCase) (legacy, bulk []string) {
	t.Helper()
	ctx := context.Background()
	depts, _ := xlDemoDepts(t)
	run := func(save bulkSaveFunc) []string {
		d := dbtest.Open(t, clock.NewManual(testNow))
		s := New(d, depts)
		if c.prior != nil {
			c.prior(t, s)
		}
		items := slices.Clone(c.items)
		err := d.InTx(ctx, func(tx *db.Tx) error { return save(ctx, tx, admin(), items, c.publish, c.eff, depts) })
		if err != nil {
			t.Fatal(err)
		}
		return bulkRows(t, d)
	}
	return run(legacySaveAll), run(saveAll)
}

func bulkSameRows(t *testing.T, legacy, bulk []string) {
	t.Helper()
	if len(legacy) != len(bulk) {
		t.Fatalf("bulk path wrote %d rows, item-by-item path %d", len(bulk), len(legacy))
	}
	for i := range legacy {
		if legacy[i] != bulk[i] {
			t.Fatalf("row %d differs:\nitem by item: %s\nbulk:         %s", i, legacy[i], bulk[i])
		}
	}
}

func bulkItems(t *testing.T, n int) []Item {
	t.Helper()
	depts, _ := xlDemoDepts(t)
	return Generate(n, 3, xlDeptList(depts))
}

func TestBulkSaveWritesWhatItemByItemWrites(t *testing.T) {
	items := bulkItems(t, 60)
	for _, pub := range []bool{false, true} {
		t.Run(fmt.Sprintf("publish=%v", pub), func(t *testing.T) {
			legacy, bulk := bulkRunBoth(t, bulkCase{items: items, publish: pub})
			if len(legacy) < 2*len(items) {
				t.Fatalf("only %d rows written", len(legacy))
			}
			bulkSameRows(t, legacy, bulk)
		})
	}
}

// An import into a catalogue that already has the items in every state:
// published, with an open draft, withdrawn, and absent.
func TestBulkSaveIntoExistingCatalogueWritesWhatItemByItemWrites(t *testing.T) {
	all := bulkItems(t, 60)
	prior := func(t *testing.T, s *Service) {
		ctx := context.Background()
		if _, err := s.Seed(ctx, admin(), all[:30], time.Time{}); err != nil {
			t.Fatal(err)
		}
		edited := all[21]
		edited.Name += "（修订草稿）"
		if _, err := s.SaveDraft(ctx, admin(), edited); err != nil {
			t.Fatal(err)
		}
		if err := s.Withdraw(ctx, admin(), all[25].ImplCode); err != nil {
			t.Fatal(err)
		}
	}
	items := slices.Clone(all[20:])
	for i := range items {
		items[i].Hours += "（导入更新）"
	}
	for _, pub := range []bool{false, true} {
		t.Run(fmt.Sprintf("publish=%v", pub), func(t *testing.T) {
			c := bulkCase{prior: prior, items: items, publish: pub, eff: testNow.Add(48 * time.Hour)}
			legacy, bulk := bulkRunBoth(t, c)
			bulkSameRows(t, legacy, bulk)
			versions := 0
			for _, r := range bulk {
				if strings.Contains(r, "impl_code="+all[22].ImplCode+"|version=") {
					versions++
				}
			}
			if versions != 2 {
				t.Fatalf("a published item re-imported has %d versions, want 2", versions)
			}
		})
	}
}

const emptyCatalogue = "items=0 versions=0 published=0 audit=0"

// A row refused by the database in the second statement of a batch rolls
// back the whole save: the rows of the first statement and every audit
// record included.
func TestBulkSaveFailureMidBatchWritesNothing(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	items := bulkItems(t, maxBatchRows+100)
	items[maxBatchRows+50].LevelKind = "bogus" // refused by the CHECK constraint, not by Go
	for _, pub := range []bool{false, true} {
		d := dbtest.Open(t, clock.NewManual(testNow))
		ctx := context.Background()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			return saveAll(ctx, tx, admin(), items, pub, time.Time{}, depts)
		})
		if err == nil {
			t.Fatal("a row the database refuses was saved")
		}
		if n := snapshot(t, d); n != emptyCatalogue {
			t.Fatalf("publish=%v: failed save left %s", pub, n)
		}
	}
}

// A publication check failing on the last item, after every draft was
// written, leaves nothing either.
func TestBulkPublishFailureOnLastItemWritesNothing(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	items := bulkItems(t, 30)
	items[len(items)-1].Bundle = []string{"11320113MB0000000X3000199999000"}
	d := dbtest.Open(t, clock.NewManual(testNow))
	ctx := context.Background()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		return saveAll(ctx, tx, admin(), items, true, time.Time{}, depts)
	})
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || e.Fields["bundle[0]"] == "" {
		t.Fatalf("err = %v, want the bundle named as invalid", err)
	}
	if n := snapshot(t, d); n != emptyCatalogue {
		t.Fatalf("failed publication left %s", n)
	}
}

// An import whose publication is refused after every draft of the file
// was written leaves nothing, through the service as staff call it.
func TestImportWorkbookRefusedAtPublicationWritesNothing(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	raw := xlExportBytes(t, bulkItems(t, 40))
	d := dbtest.Open(t, clock.NewManual(testNow))
	s := New(d, depts)
	opt := ImportOptions{Publish: true, EffectiveFrom: testNow.Add(-time.Hour)}
	_, err := s.ImportWorkbook(context.Background(), admin(), bytes.NewReader(raw), int64(len(raw)), opt)
	if e, ok := apperr.As(err); !ok || e.Fields["effective_from"] == "" {
		t.Fatalf("err = %v, want effective_from invalid", err)
	}
	if n := snapshot(t, d); n != emptyCatalogue {
		t.Fatalf("refused import left %s", n)
	}
}

// A code another district uses is refused before anything is written.
func TestBulkSaveRefusesAnotherDistrictsCode(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	items := bulkItems(t, 10)
	d := dbtest.Open(t, clock.NewManual(testNow))
	ctx := context.Background()
	other := &authz.Actor{AccountID: 9, Kind: authz.KindStaff, Name: "他区管理员", District: "320114"}
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		return saveAll(ctx, tx, other, items[4:5], false, time.Time{}, depts)
	}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, d)
	err := d.InTx(ctx, func(tx *db.Tx) error { return saveAll(ctx, tx, admin(), items, true, time.Time{}, depts) })
	if e, ok := apperr.As(err); !ok || e.Fields["impl_code"] == "" {
		t.Fatalf("err = %v, want impl_code invalid", err)
	}
	if after := snapshot(t, d); after != before {
		t.Fatalf("refused save changed %s to %s", before, after)
	}
}

// A code created by someone else after the rows were locked is reported
// as saveDraft reports it, not as a database error.
func TestBulkInsertReportsACodeCreatedMeanwhile(t *testing.T) {
	items := bulkItems(t, 3)
	d := dbtest.Open(t, clock.NewManual(testNow))
	ctx := context.Background()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := insertItem(ctx, tx, district, &items[1]); err != nil {
			return err
		}
		b := make([]batchItem, len(items))
		byCode := map[string]*batchItem{}
		for i := range items {
			b[i].it = &items[i]
			byCode[items[i].ImplCode] = &b[i]
		}
		return insertItems(ctx, tx, district, b, byCode)
	})
	if apperr.CodeOf(err) != apperr.CodeConflict || !strings.Contains(err.Error(), items[1].ImplCode) {
		t.Fatalf("err = %v, want a conflict naming %s", err, items[1].ImplCode)
	}
}

func TestChunksStayWithinTheParameterLimits(t *testing.T) {
	for _, perRow := range []int{1, 7, 15, 100, 40000} {
		var got [][2]int
		if err := chunks(1234, perRow, func(lo, hi int) error { got = append(got, [2]int{lo, hi}); return nil }); err != nil {
			t.Fatal(err)
		}
		next := 0
		for _, r := range got {
			if r[0] != next || r[1] <= r[0] || r[1]-r[0] > maxBatchRows || (r[1]-r[0])*perRow > max(db.MaxParams, perRow) {
				t.Fatalf("perRow %d: bad range %v in %v", perRow, r, got)
			}
			next = r[1]
		}
		if next != 1234 {
			t.Fatalf("perRow %d: ranges end at %d", perRow, next)
		}
	}
}
