package gm

import (
	"encoding/hex"

	"github.com/emmansun/gmsm/sm3"
)

// SM3 returns the SM3 digest (GB/T 32905-2016) of data.
func SM3(data []byte) [32]byte { return sm3.Sum(data) }

// SM3Hex returns the SM3 digest of data as 64 lowercase hex digits.
func SM3Hex(data []byte) string {
	sum := sm3.Sum(data)
	return hex.EncodeToString(sum[:])
}
