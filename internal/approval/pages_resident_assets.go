package approval

import (
	"crypto/sha256"
	"encoding/hex"
)

// rStaticVersion is a short hash of an embedded static file, so its link
// changes with its content and browsers may cache it for long.
func rStaticVersion(name string) string {
	b, err := rStaticFiles.ReadFile("static/" + name)
	if err != nil {
		panic("approval: missing static file " + name)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
