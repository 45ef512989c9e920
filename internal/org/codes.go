package org

import (
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Code lengths of the division hierarchy.
const (
	districtLen  = 6
	streetLen    = 9
	communityLen = 12
	gridLen      = 15
)

// QixiaCode is the division code of the model district, 栖霞区.
const QixiaCode = "320113"

// statisticalFrom is the smallest street sequence number (the last three
// digits of a street code) used for statistical units — prisons, parks,
// development zones — which the official list files alongside streets.
const statisticalFrom = 400

// ScopeOf returns the data scope a code names, its kind read from the
// code's shape: 6 digits a district, 9 a street, 12 a community, 15 a grid,
// district+"D"+2 digits a department, division+"P"+2 digits a service
// point. It returns the zero scope for anything else.
func ScopeOf(code string) authz.Scope {
	if k := kindOf(code); k != "" {
		return authz.Scope{Kind: k, Code: code}
	}
	return authz.Scope{}
}

// kindOf reads a code's kind from its shape, "" when it has none.
func kindOf(code string) authz.ScopeKind {
	if allDigits(code) {
		switch len(code) {
		case districtLen:
			return authz.ScopeDistrict
		case streetLen:
			return authz.ScopeStreet
		case communityLen:
			return authz.ScopeCommunity
		case gridLen:
			return authz.ScopeGrid
		}
		return ""
	}
	if head, tail, ok := strings.Cut(code, "D"); ok && len(head) == districtLen && allDigits(head) && twoDigits(tail) {
		return authz.ScopeDepartment
	}
	if head, tail, ok := strings.Cut(code, "P"); ok && isDivision(head) && twoDigits(tail) {
		return authz.ScopeServicePoint
	}
	return ""
}

// isDivision reports whether code is a district, street or community code.
func isDivision(code string) bool {
	if !allDigits(code) {
		return false
	}
	switch len(code) {
	case districtLen, streetLen, communityLen:
		return true
	}
	return false
}

// isStatisticalStreet reports whether a 9-digit code names a statistical
// unit rather than a street.
func isStatisticalStreet(code string) bool {
	return len(code) == streetLen && allDigits(code) && atoi(code[6:]) >= statisticalFrom
}

// districtOf returns the district part of any organisation code.
func districtOf(code string) string {
	if len(code) < districtLen {
		return ""
	}
	return code[:districtLen]
}

// divisionOfPoint returns the division part of a service point code.
func divisionOfPoint(code string) string {
	head, _, _ := strings.Cut(code, "P")
	return head
}

func twoDigits(s string) bool { return len(s) == 2 && allDigits(s) }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
