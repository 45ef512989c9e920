package seal

import (
	"context"
	"fmt"
	"time"
)

// Revoked is one entry of the published revocation list.
type Revoked struct {
	KeyID        string    `json:"key_id"`
	DeptCode     string    `json:"dept_code"`
	Serial       string    `json:"serial"`
	RevokedAt    time.Time `json:"revoked_at"`
	RevokedSince time.Time `json:"revoked_since"`
	Reason       string    `json:"reason"`
	ReasonName   string    `json:"reason_name"`
}

// RevokedList is the district's certificate revocation list, CRL-like:
// the issuing root and every revoked department certificate.
type RevokedList struct {
	District   string    `json:"district"`
	RootSerial string    `json:"root_serial"`
	Keys       []Revoked `json:"keys"`
}

// RevokedKeys lists the revoked certificates of district, oldest
// revocation first. It is public, like a CRL.
func (s *Service) RevokedKeys(ctx context.Context, district string) (RevokedList, error) {
	root, err := s.root(ctx, s.d, district)
	if err != nil {
		return RevokedList{}, err
	}
	out := RevokedList{District: district, RootSerial: root.serial, Keys: []Revoked{}}
	rows, err := s.d.Query(ctx, `SELECT id, dept_code, serial, revoked_at, revoked_since, revoke_reason
		FROM seal_keys WHERE district_code = ? AND status = 'revoked' ORDER BY revoked_at, id`, district)
	if err != nil {
		return out, fmt.Errorf("seal: revoked keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Revoked
		if err := rows.Scan(&r.KeyID, &r.DeptCode, &r.Serial, &r.RevokedAt, &r.RevokedSince, &r.Reason); err != nil {
			return out, fmt.Errorf("seal: revoked keys: %w", err)
		}
		r.RevokedAt, r.RevokedSince, r.ReasonName = r.RevokedAt.UTC(), r.RevokedSince.UTC(), revokeReasons[r.Reason]
		out.Keys = append(out.Keys, r)
	}
	return out, rows.Err()
}

// Keys lists a department's keys, newest first, for the operator.
func (s *Service) Keys(ctx context.Context, deptCode string) ([]Key, error) {
	rows, err := s.d.Query(ctx, keySelect+` WHERE dept_code = ? ORDER BY created_at DESC, id`, deptCode)
	if err != nil {
		return nil, fmt.Errorf("seal: keys: %w", err)
	}
	defer rows.Close()
	out := []Key{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("seal: keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
