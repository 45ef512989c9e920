package approval

import (
	"fmt"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// rPartyView is one related person's row on the edit page.
type rPartyView struct {
	Index, N               int // N counts from 1 for people
	Role, Kind, Name, Code string
	Errors                 map[string]string // by role, subject_kind, name, code
}

// rRoleOption is one choice of the related person's role.
type rRoleOption struct {
	Value, Name string
	Required    bool
}

// rRoleOptions lists the roles an applicant may name, the items' required
// ones first.
func rRoleOptions(items []catalog.Version) []rRoleOption {
	req := rRequiredRoles(items)
	var out []rRoleOption
	for _, r := range []PartyRole{PartyLegalRep, PartyShareholder, PartyDirector, PartySupervisor, PartyManager, PartyAgent} {
		out = append(out, rRoleOption{Value: string(r), Name: r.Name(), Required: slices.Contains(req, r)})
	}
	return out
}

// rRequiredRoles are the related persons the items require.
func rRequiredRoles(items []catalog.Version) []PartyRole {
	var out []PartyRole
	for _, v := range items {
		for _, role := range v.Item.PartyRoles {
			if r := PartyRole(role); !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// rPartyRows are the rows to draw: the named persons, an empty row for
// each required role still missing, and one more empty row.
func rPartyRows(items []catalog.Version, parties []Party, problems map[string]string) []rPartyView {
	var out []rPartyView
	for i, p := range parties {
		pv := rPartyView{Index: i, N: i + 1, Role: string(p.Role), Kind: p.SubjectKind, Name: p.Name, Code: p.Code, Errors: map[string]string{}}
		for _, k := range []string{"role", "subject_kind", "name", "code"} {
			pv.Errors[k] = problems[fmt.Sprintf("parties[%d].%s", i, k)]
		}
		out = append(out, pv)
	}
	for _, r := range rRequiredRoles(items) {
		if !slices.ContainsFunc(parties, func(p Party) bool { return p.Role == r }) {
			out = append(out, rPartyView{Index: len(out), N: len(out) + 1, Role: string(r), Kind: "person"})
		}
	}
	return append(out, rPartyView{Index: len(out), N: len(out) + 1, Kind: "person"})
}

// rMaterialView is one material on the edit page.
type rMaterialView struct {
	Key, Input, Item, ItemName, Name, Note, Source string
	Upload, Required                               bool
	File                                           *files.File
	Href, Error                                    string
}

// rSourceNotes say how materials the applicant does not upload are got.
var rSourceNotes = map[catalog.Source]string{
	catalog.SourceSharedData:   "由系统从共享数据获取，无需提交",
	catalog.SourceLicenceReuse: "由系统从已有电子证照获取，无需提交",
	catalog.SourceSystem:       "系统生成",
}

// rMaterialRows lists every material of the filed items.
func rMaterialRows(id int64, items []catalog.Version, states []MaterialState, problems map[string]string) []rMaterialView {
	names := map[string]string{}
	for _, v := range items {
		names[v.ImplCode] = v.Item.Name
	}
	var out []rMaterialView
	for _, ms := range states {
		m := ms.Material
		mv := rMaterialView{Key: materialField(ms.Item, ms.Index), Input: fmt.Sprintf("m.%s.%d", ms.Item, ms.Index),
			Item: ms.Item, Name: m.Name, Note: m.Note, Upload: m.Source == catalog.SourceApplicant,
			Required: m.Required, File: ms.File, Source: rSourceNotes[m.Source]}
		mv.Error = problems[mv.Key]
		if len(items) > 1 {
			mv.ItemName = names[ms.Item]
		}
		if ms.File != nil {
			mv.Href = rAppPath(id, "files/"+ms.File.ID, nil)
		}
		out = append(out, mv)
	}
	return out
}
