package org

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// District is a tenant: a county-level division such as 320113 栖霞区.
type District struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Street is a street (街道) or town (镇) of a district, with the number of
// communities and villages attached to it.
type Street struct {
	Code         string `json:"code"`
	DistrictCode string `json:"district_code"`
	Name         string `json:"name"`
	Communities  int    `json:"communities"`
	Villages     int    `json:"villages"`
}

// CommunityKind separates urban communities from villages.
type CommunityKind string

// The kinds of community, read from the official name's suffix.
const (
	KindCommunity CommunityKind = "community" // 社区 (…社区居委会)
	KindVillage   CommunityKind = "village"   // 村 (…村委会)
)

// Name is the kind's Chinese name.
func (k CommunityKind) Name() string {
	if k == KindVillage {
		return "村"
	}
	return "社区"
}

// Community is a community or village under a street.
type Community struct {
	Code         string        `json:"code"`
	StreetCode   string        `json:"street_code"`
	DistrictCode string        `json:"district_code"`
	Name         string        `json:"name"`
	ShortName    string        `json:"short_name"`
	Kind         CommunityKind `json:"kind"`
	// ReattachedFrom is the statistical unit the official list files the
	// community under, when it has been attached to a real street instead.
	ReattachedFrom string `json:"reattached_from,omitempty"`
	Grids          int    `json:"grids"`
}

// Grid is a grid cell (网格) of a community.
type Grid struct {
	Code          string `json:"code"`
	CommunityCode string `json:"community_code"`
	Name          string `json:"name"`
	// LeaderAccountID is the grid leader's account, 0 when none is named.
	LeaderAccountID int64 `json:"leader_account_id,omitempty"`
}

// Department is a department of the district government.
type Department struct {
	Code         string `json:"code"`
	DistrictCode string `json:"district_code"`
	Name         string `json:"name"`
	ShortName    string `json:"short_name"`
	CreditCode   string `json:"credit_code,omitempty"`
	Phone        string `json:"phone,omitempty"`
}

// Level says what kind of service point a point is.
type Level string

// The levels of service point.
const (
	LevelDistrictCentre Level = "district_centre"      // 区政务服务中心
	LevelStreetCentre   Level = "street_centre"        // 街道政务服务中心
	LevelSubcentre      Level = "department_subcentre" // 部门分中心
	LevelStation        Level = "community_station"    // 社区便民服务站
)

// Levels lists every level, from the top.
var Levels = []Level{LevelDistrictCentre, LevelStreetCentre, LevelSubcentre, LevelStation}

// Valid reports whether l is a known level.
func (l Level) Valid() bool {
	switch l {
	case LevelDistrictCentre, LevelStreetCentre, LevelSubcentre, LevelStation:
		return true
	}
	return false
}

// Name is the level's Chinese name.
func (l Level) Name() string {
	switch l {
	case LevelDistrictCentre:
		return "区政务服务中心"
	case LevelStreetCentre:
		return "街道政务服务中心"
	case LevelSubcentre:
		return "部门分中心"
	case LevelStation:
		return "社区便民服务站"
	}
	return string(l)
}

// ServicePoint is a place where residents are served.
type ServicePoint struct {
	Code         string `json:"code"`
	DistrictCode string `json:"district_code"`
	Level        Level  `json:"level"`
	// DivisionCode is the district, street or community the point belongs to.
	DivisionCode string `json:"division_code"`
	// DepartmentCode is the department running a sub-centre, "" otherwise.
	DepartmentCode string `json:"department_code,omitempty"`
	ServicePointFields
}

// ServicePointFields are the fields of a service point an administrator
// edits.
type ServicePointFields struct {
	Name         string `json:"name"`
	Address      string `json:"address"`
	Phone        string `json:"phone"`
	OpeningHours string `json:"opening_hours"`
	// AcceptsApplications: the counter accepts any item delegated to its
	// level (区街同权).
	AcceptsApplications bool `json:"accepts_applications"`
	// Pickup: licences may be collected here (同城取件).
	Pickup bool `json:"pickup"`
	// SelfService: a 24-hour self-service area.
	SelfService bool `json:"self_service"`
	// Active: the point is open to the public; inactive points are kept for
	// history but not offered to residents.
	Active bool `json:"active"`
}

// StaffPost places one account in one unit with a title for a time.
type StaffPost struct {
	ID        int64           `json:"id"`
	AccountID int64           `json:"account_id"`
	UnitKind  authz.ScopeKind `json:"unit_kind"`
	UnitCode  string          `json:"unit_code"`
	Title     string          `json:"title"`
	StartsAt  time.Time       `json:"starts_at"`
	// EndsAt is nil while the post is held.
	EndsAt *time.Time `json:"ends_at,omitempty"`
}

// Active reports whether the post is held at t.
func (p StaffPost) Active(t time.Time) bool {
	return !t.Before(p.StartsAt) && (p.EndsAt == nil || t.Before(*p.EndsAt))
}
