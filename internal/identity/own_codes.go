package identity

import (
	"context"
	"fmt"
)

// OwnCodes returns the codes an account's own records are filed under: its
// real-name ID number (once recorded) and the credit codes of the
// enterprises it acts for. Other modules (the credit registry) use it to
// show people their own records; it is never shown to anyone else.
func (s *Service) OwnCodes(ctx context.Context, accountID int64) ([]string, error) {
	acc, err := accountByID(ctx, s.d, s.d.Engine, accountID, false)
	if err != nil {
		return nil, err
	}
	var out []string
	id, err := s.open(ctxIDNumber, acc.idNumberEnc)
	if err != nil {
		return nil, err
	}
	if id != "" {
		out = append(out, id)
	}
	rows, err := s.d.Query(ctx, `SELECT e.credit_code FROM enterprise_links l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.account_id = ? ORDER BY e.id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("identity: own codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, fmt.Errorf("identity: own codes: %w", err)
		}
		out = append(out, code)
	}
	return out, rows.Err()
}
