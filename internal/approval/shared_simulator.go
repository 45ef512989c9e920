package approval

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// SharedDataSimulator stands in for the provincial data-sharing exchange
// and the licence library (电子证照库) until a district connects the real
// ones: it "finds" every material and returns a reference that names the
// simulator, so nobody mistakes it for real data. A real adapter
// implements SharedData by querying the exchange with the subject's code
// and the material's catalogue name, and fails with a clear error when the
// data is not there (the applicant then uploads it).
type SharedDataSimulator struct{}

// Fetch returns a simulated reference to the material.
func (SharedDataSimulator) Fetch(_ context.Context, district string, m catalog.Material, subject string) (string, error) {
	kind := "共享数据"
	if m.Source == catalog.SourceLicenceReuse {
		kind = "电子证照(" + m.LicenceType + ")"
	}
	// The subject's code is personal data: the reference carries a digest.
	return "[共享数据模拟器] " + kind + " " + m.Name + " #" + gm.SM3Hex([]byte(district + subject))[:12], nil
}
