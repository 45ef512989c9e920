package catalog

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Get returns the version of an item in force now. It is public: anyone
// may read a published guide.
func (s *Service) Get(ctx context.Context, implCode string) (Version, error) {
	now := s.db.Clock.Now().UTC()
	return readVersion(ctx, s.db, "事项 "+short(implCode)+" 不存在或尚未生效",
		versionSelect+` WHERE i.impl_code = ? AND i.status = 'published' AND`+currentWhere, implCode, now, now)
}

// GetVersion returns one version of an item. Published and withdrawn
// versions are public (applications cite the version they were filed
// under); drafts are shown only to staff who may view the catalogue.
func (s *Service) GetVersion(ctx context.Context, actor *authz.Actor, implCode string, n int) (Version, error) {
	v, err := readVersion(ctx, s.db, "事项 "+short(implCode)+" 没有第"+itoa(n)+"版",
		versionSelect+` WHERE i.impl_code = ? AND v.version = ?`, implCode, n)
	if err != nil || v.State != StateDraft {
		return v, err
	}
	if err := checkView(actor, v.District); err != nil {
		if apperr.CodeOf(err) == apperr.CodeForbidden {
			return Version{}, apperr.NotFound("事项 " + short(implCode) + " 没有第" + itoa(n) + "版")
		}
		return Version{}, err
	}
	return v, nil
}

// History lists every version of an item, newest first, drafts included.
func (s *Service) History(ctx context.Context, actor *authz.Actor, implCode string) ([]Version, error) {
	if err := checkView(actor, districtOf(actor).Code); err != nil {
		return nil, err
	}
	vs, err := readVersions(ctx, s.db, versionSelect+` WHERE i.impl_code = ? AND i.district = ? ORDER BY v.version DESC`,
		implCode, actor.District)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, apperr.NotFound("事项 " + short(implCode) + " 不存在")
	}
	return vs, nil
}
