// Package gmtest gives tests fresh random SM4 keyrings and blind indexers,
// so that no test depends on a fixed key and none repeats the setup.
package gmtest

import (
	"crypto/rand"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Keyring returns a keyring with one random data key, "k1".
func Keyring(t testing.TB) *gm.Keyring {
	t.Helper()
	kr, err := gm.NewKeyring("k1", map[string][]byte{"k1": Random(gm.KeySize)})
	if err != nil {
		t.Fatalf("gmtest: keyring: %v", err)
	}
	return kr
}

// Indexer returns a blind indexer with one random key, "i1".
func Indexer(t testing.TB) *gm.BlindIndexer {
	t.Helper()
	ix, err := gm.NewBlindIndexer("i1", map[string][]byte{"i1": Random(32)})
	if err != nil {
		t.Fatalf("gmtest: blind indexer: %v", err)
	}
	return ix
}

// Keys returns both: what most services take to encrypt personal data and
// find it again.
func Keys(t testing.TB) (*gm.Keyring, *gm.BlindIndexer) {
	t.Helper()
	return Keyring(t), Indexer(t)
}

// Random returns n random bytes.
func Random(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
