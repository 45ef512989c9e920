package loadtest

// formField is the part of a catalogue form field the client reads.
type formField struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Options  []string `json:"options"`
}

// material is the part of a catalogue material the client reads.
type material struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
	Source   string `json:"source"`
}

// itemVersion is one item of an application as the API returns it.
type itemVersion struct {
	ImplCode string `json:"impl_code"`
	Item     struct {
		Form      []formField `json:"form"`
		Materials []material  `json:"materials"`
	} `json:"item"`
}

// mergedFields are the fields of the items' one form (一表申请): each
// name once, the main item's first.
func mergedFields(items []itemVersion) []formField {
	var out []formField
	seen := map[string]bool{}
	for _, v := range items {
		for _, f := range v.Item.Form {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// answers fills every required field of the merged form for r, as a
// resident would: their own name, ID number and phone, an address in
// Qixia, the first option of each choice, and the first uploaded file for
// attachment fields.
func answers(items []itemVersion, r *resident, fileID string) map[string]any {
	out := map[string]any{}
	for _, f := range mergedFields(items) {
		if !f.Required {
			continue
		}
		out[f.Name] = answer(f, r, fileID)
	}
	return out
}

func answer(f formField, r *resident, fileID string) any {
	switch f.Type {
	case "id_number":
		return r.idNumber
	case "phone":
		return r.phone
	case "address":
		return "栖霞区尧化街道尧化门街18号"
	case "number":
		return "50000"
	case "date":
		return "2026-03-01"
	case "choice":
		return f.Options[0]
	case "multi_choice":
		return []string{f.Options[0]}
	case "file":
		return fileID
	case "table":
		return []map[string]any{}
	}
	if f.Name == "shop_name" || f.Name == "operator" {
		return "栖霞" + r.name + "小吃店"
	}
	return r.name
}
