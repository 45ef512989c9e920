package license

import "context"

// ForApplication lists the current licences issued for an application,
// masked, oldest first. It checks no permission: other modules call it
// for an application they already serve (the front desk handing over an
// application's results prints its licences through the delivery module,
// which checks the desk).
func (s *Service) ForApplication(ctx context.Context, applicationID int64) ([]Licence, error) {
	return s.licencesWhere(ctx, `application_id = ? AND status = ? ORDER BY id`, applicationID, StatusValid)
}
