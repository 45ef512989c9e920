package org

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// divisionPlan is one district as the source lists it, after the
// statistical units have been left out and the exceptions reattached.
type divisionPlan struct {
	district    District
	streets     []Street
	communities []Community
	// skippedUnits and skippedCommunities count what was left out.
	skippedUnits       int
	skippedCommunities int
	source             string
}

// loadPlan reads one district from src. It does file I/O, so it runs
// before the import's transaction, never inside it.
func loadPlan(src Source, district string) (*divisionPlan, error) {
	if len(district) != districtLen || !allDigits(district) {
		return nil, apperr.Invalid("district", "区县代码应为6位数字")
	}
	p := &divisionPlan{source: src.Label}
	if err := p.readDistrict(src, district); err != nil {
		return nil, err
	}
	if err := p.readStreets(src); err != nil {
		return nil, err
	}
	if err := p.readCommunities(src); err != nil {
		return nil, err
	}
	return p, nil
}

// readDistrict finds the district's row; an unknown code is an error.
func (p *divisionPlan) readDistrict(src Source, code string) error {
	rows, err := readCSV(src, fileAreas, []string{"code", "name"},
		func(r csvRow) bool { return r.cols["code"] == code })
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return apperr.Invalid("district", fmt.Sprintf("%s中没有代码为 %s 的区县", src.Label, code))
	}
	name, err := rowName(src, fileAreas, rows[0])
	p.district = District{Code: code, Name: name}
	return err
}

// readStreets keeps the district's real streets, counting the statistical
// units left out.
func (p *divisionPlan) readStreets(src Source) error {
	code := p.district.Code
	rows, err := readCSV(src, fileStreets, []string{"code", "name", "areaCode"},
		func(r csvRow) bool { return r.cols["areaCode"] == code })
	if err != nil {
		return err
	}
	for _, r := range rows {
		c := r.cols["code"]
		if len(c) != streetLen || !allDigits(c) || !strings.HasPrefix(c, code) {
			return badFile(src, fileStreets, r.line, "街道代码 "+c+" 不是本区县的9位代码")
		}
		name, err := rowName(src, fileStreets, r)
		if err != nil {
			return err
		}
		if isStatisticalStreet(c) {
			p.skippedUnits++
			continue
		}
		p.streets = append(p.streets, Street{Code: c, DistrictCode: code, Name: name})
	}
	sort.Slice(p.streets, func(i, j int) bool { return p.streets[i].Code < p.streets[j].Code })
	if len(p.streets) == 0 {
		return apperr.Invalid("district", fmt.Sprintf("%s中区县 %s 没有街道", src.Label, code))
	}
	return nil
}

// readCommunities keeps the communities of the kept streets and the
// reattached exceptions.
func (p *divisionPlan) readCommunities(src Source) error {
	code := p.district.Code
	rows, err := readCSV(src, fileVillages, []string{"code", "name", "streetCode"},
		func(r csvRow) bool { return strings.HasPrefix(r.cols["streetCode"], code) })
	if err != nil {
		return err
	}
	kept := map[string]bool{}
	for _, s := range p.streets {
		kept[s.Code] = true
	}
	for _, r := range rows {
		c, err := p.community(src, r, kept)
		if err != nil {
			return err
		}
		if c.Code == "" {
			p.skippedCommunities++
			continue
		}
		p.communities = append(p.communities, c)
	}
	sort.Slice(p.communities, func(i, j int) bool { return p.communities[i].Code < p.communities[j].Code })
	return nil
}

// community turns one row into a community; a zero Community means the row
// belongs to a statistical unit and is left out.
func (p *divisionPlan) community(src Source, r csvRow, kept map[string]bool) (Community, error) {
	c, street := r.cols["code"], r.cols["streetCode"]
	if len(c) != communityLen || !allDigits(c) || !strings.HasPrefix(c, street) {
		return Community{}, badFile(src, fileVillages, r.line, "社区代码 "+c+" 不是所属街道下的12位代码")
	}
	name, err := rowName(src, fileVillages, r)
	if err != nil {
		return Community{}, err
	}
	out := Community{Code: c, StreetCode: street, DistrictCode: p.district.Code, Name: name, Kind: kindOfName(name)}
	out.ShortName = shortName(name, out.Kind)
	if to, ok := reattached[c]; ok && kept[to] {
		out.StreetCode, out.ReattachedFrom = to, street
		return out, nil
	}
	if !kept[street] {
		if isStatisticalStreet(street) {
			return Community{}, nil
		}
		return Community{}, badFile(src, fileVillages, r.line, "所属街道 "+street+" 不在街道文件中")
	}
	return out, nil
}

// rowName returns a row's name, refusing empty or overlong ones.
func rowName(src Source, file string, r csvRow) (string, error) {
	name := strings.TrimSpace(r.cols["name"])
	if name == "" || utf8.RuneCountInString(name) > maxNameRunes || !utf8.ValidString(name) {
		return "", badFile(src, file, r.line, "名称为空、过长或编码错误")
	}
	return name, nil
}
