package credit

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedIn is the largest IN list whose statement is kept prepared:
// admission checks name a handful of parties, and on SQLite parsing and
// planning the evidence query costs more than running it.
const maxCachedIn = 8

// stmtCache keeps the read statements of the admission check prepared,
// keyed by their SQL (one per IN list length).
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// query runs a read query, through a prepared statement when n (the
// length of its IN list) is small. If preparing fails, the plain query
// reports the error.
func (s *Service) query(ctx context.Context, n int, query string, args ...any) (*sql.Rows, error) {
	if n > maxCachedIn {
		return s.db.Query(ctx, query, args...)
	}
	s.stmts.mu.Lock()
	st, ok := s.stmts.stmts[query]
	if !ok {
		if s.stmts.stmts == nil {
			s.stmts.stmts = map[string]*sql.Stmt{}
		}
		st, _ = s.db.Read.PrepareContext(context.WithoutCancel(ctx), s.db.Rebind(query))
		s.stmts.stmts[query] = st
	}
	s.stmts.mu.Unlock()
	if st == nil {
		return s.db.Query(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}
