package catalog

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxSeedBytes caps a catalogue file: the full 3,132-item catalogue is a
// few megabytes, so anything far larger is not a catalogue.
const maxSeedBytes = 64 << 20

// seedFile is the shape of the demo catalogue file.
type seedFile struct {
	Licence string `json:"licence"`
	Items   []Item `json:"items"`
}

// LoadJSON reads a catalogue in the shared JSON format. Unknown fields are
// refused, so a misspelt element is caught rather than silently dropped.
func LoadJSON(r io.Reader) ([]Item, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxSeedBytes))
	dec.DisallowUnknownFields()
	var f seedFile
	if err := dec.Decode(&f); err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, "事项清单文件格式不正确", err)
	}
	if dec.More() {
		return nil, apperr.New(apperr.CodeInvalid, "事项清单文件在清单之后还有多余内容")
	}
	if len(f.Items) == 0 {
		return nil, apperr.New(apperr.CodeInvalid, "事项清单文件中没有事项")
	}
	return f.Items, nil
}

// CheckAll validates every item and the references between them (unique
// implementation codes, 证照联办 bundles naming items of the set), and
// returns one invalid error listing every problem, each path prefixed with
// the item's index ("items[3].materials[0].source").
func CheckAll(items []Item, depts map[string]bool) error {
	var p problems
	codes := map[string]int{}
	for i, it := range items {
		if j, dup := codes[it.ImplCode]; dup && it.ImplCode != "" {
			p.add(fmt.Sprintf("items[%d].impl_code", i), fmt.Sprintf("实施编码与第%d项重复", j+1))
		}
		codes[it.ImplCode] = i
		if err := it.Validate(depts); err != nil {
			e, _ := apperr.As(err)
			for k, msg := range e.Fields {
				p.add(fmt.Sprintf("items[%d].%s", i, k), msg)
			}
		}
	}
	kinds := map[string]LevelKind{}
	for _, it := range items {
		kinds[it.BasicCode] = it.LevelKind
	}
	for i, it := range items {
		if msg := parentProblem(it, kinds[it.ParentBasicCode]); msg != "" {
			p.add(fmt.Sprintf("items[%d].parent_basic_code", i), msg)
		}
		for j, b := range it.Bundle {
			if _, ok := codes[b]; !ok {
				p.add(fmt.Sprintf("items[%d].bundle[%d]", i, j), "联办事项 "+short(b)+" 不在清单中")
			}
		}
	}
	return p.err("事项清单")
}

// Seed validates every item first and, only when all are valid, saves and
// publishes each as the actor (authz.System for the demo), in force from
// effectiveFrom (now when zero), all in one transaction: a catalogue loads
// whole or not at all. Items are saved before any is published, so bundles
// may name each other. It returns the number of items published.
func (s *Service) Seed(ctx context.Context, actor *authz.Actor, items []Item, effectiveFrom time.Time) (int, error) {
	if err := authz.Check(actor, actPublish, districtOf(actor)); err != nil {
		return 0, err
	}
	depts, err := s.depts.DepartmentNames(ctx, actor.District)
	if err != nil {
		return 0, err
	}
	if err := CheckAll(items, depts); err != nil {
		return 0, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := saveAll(ctx, tx, actor, items, true, effectiveFrom, depts); err != nil {
			return fmt.Errorf("catalog: seed: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(items), nil
}

//go:embed data/qixia_demo.json
var demoJSON []byte

// DemoItems returns the hand-written demo catalogue of 栖霞区 embedded in
// the binary.
func DemoItems() ([]Item, error) { return LoadJSON(bytes.NewReader(demoJSON)) }

// SeedDemo loads the embedded demo catalogue into the district as the
// system, in force at once.
func (s *Service) SeedDemo(ctx context.Context, district string) (int, error) {
	items, err := DemoItems()
	if err != nil {
		return 0, err
	}
	return s.Seed(ctx, authz.System(district), items, time.Time{})
}
