package catalog

// xlBuildItems turns the sheets' records into items, recording where each
// element came from and every cell that cannot be read.
func xlBuildItems(sheets map[string][]xlRecord, rep *ImportReport) ([]Item, []xlOrigin) {
	items := []Item{}
	var origins []xlOrigin
	byCode := map[string]int{}
	for _, rec := range sheets[SheetItems] {
		it := Item{LegalBasis: []LegalBasis{}, Materials: []Material{}, Steps: []Step{}, Form: Form{}}
		xlParseRow(SheetItems, rec, xlItemColumns, &it, rep)
		if _, dup := byCode[it.ImplCode]; !dup {
			byCode[it.ImplCode] = len(items)
		}
		items = append(items, it)
		origins = append(origins, xlOrigin{row: rec.row})
	}
	owner := func(sheet string, rec xlRecord) (int, bool) {
		code := rec.cells["impl_code"]
		i, ok := byCode[code]
		if !ok {
			msg := "实施编码「" + short(code) + "」在「事项」表中不存在"
			if code == "" {
				msg = "请填写实施编码"
			}
			rep.add(sheet, rec.row, xlImplCodeHeader, msg)
		}
		return i, ok
	}
	xlChildRows(SheetMaterials, sheets, xlMaterialColumns, rep, owner, func(i int, m Material, row int) {
		items[i].Materials = append(items[i].Materials, m)
		origins[i].materials = append(origins[i].materials, row)
	})
	xlChildRows(SheetSteps, sheets, xlStepColumns, rep, owner, func(i int, st Step, row int) {
		items[i].Steps = append(items[i].Steps, st)
		origins[i].steps = append(origins[i].steps, row)
	})
	xlChildRows(SheetBasis, sheets, xlBasisColumns, rep, owner, func(i int, b LegalBasis, row int) {
		items[i].LegalBasis = append(items[i].LegalBasis, b)
		origins[i].basis = append(origins[i].basis, row)
	})
	for _, rec := range sheets[SheetForm] {
		fd := FormField{Options: []string{}, Columns: []FormField{}}
		xlParseRow(SheetForm, rec, xlFormColumns, &fd, rep)
		if i, ok := owner(SheetForm, rec); ok {
			xlAddField(&items[i], &origins[i], rec, fd, rep)
		}
	}
	return items, origins
}

// xlAddField appends a form row to its item: a top-level field, or a column
// of the table field named in 所属表格字段, which must come earlier.
func xlAddField(it *Item, o *xlOrigin, rec xlRecord, fd FormField, rep *ImportReport) {
	parent := rec.cells["parent"]
	if parent == "" {
		it.Form = append(it.Form, fd)
		o.form = append(o.form, rec.row)
		o.columns = append(o.columns, nil)
		return
	}
	p := -1
	for j := range it.Form {
		if it.Form[j].Name == parent {
			p = j
		}
	}
	switch {
	case p < 0:
		rep.add(SheetForm, rec.row, xlParentHeader, "表格字段「"+short(parent)+"」应在本行之前定义")
	case it.Form[p].Type != FieldTable:
		rep.add(SheetForm, rec.row, xlParentHeader, "「"+short(parent)+"」不是表格字段")
	default:
		it.Form[p].Columns = append(it.Form[p].Columns, fd)
		o.columns[p] = append(o.columns[p], rec.row)
	}
}

// xlParseRow sets every column of a row on v, reporting unreadable cells.
func xlParseRow[T any](sheet string, rec xlRecord, cols []xlColumn[T], v *T, rep *ImportReport) {
	for _, c := range cols {
		if msg := c.set(v, rec.cells[c.key]); msg != "" {
			rep.add(sheet, rec.row, c.header, msg)
		}
	}
}

// xlChildRows parses the rows of a sheet whose rows belong to an item (by
// impl_code) and hands each parsed value to add with its item's index and
// its row number; rows of unknown items are reported by owner.
func xlChildRows[T any](sheet string, sheets map[string][]xlRecord, cols []xlColumn[T], rep *ImportReport,
	owner func(string, xlRecord) (int, bool), add func(i int, v T, row int)) {
	for _, rec := range sheets[sheet] {
		var v T
		xlParseRow(sheet, rec, cols, &v, rep)
		if i, ok := owner(sheet, rec); ok {
			add(i, v, rec.row)
		}
	}
}
