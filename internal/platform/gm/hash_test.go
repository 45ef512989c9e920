package gm

import (
	"encoding/hex"
	"strings"
	"testing"
)

func TestSM3(t *testing.T) {
	// GB/T 32905-2016 appendix A examples.
	vectors := map[string]string{
		"abc":                      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
		strings.Repeat("abcd", 16): "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
	}
	for in, want := range vectors {
		if got := SM3Hex([]byte(in)); got != want {
			t.Errorf("SM3Hex(%q) = %s", in, got)
		}
		sum := SM3([]byte(in))
		if hex.EncodeToString(sum[:]) != want {
			t.Errorf("SM3(%q) mismatch", in)
		}
	}
}
