package gm_test

import (
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

func ExampleParseKeyring() {
	// In the application the spec comes from os.Getenv(gm.EnvDataKeys).
	k1, _ := gm.GenerateKey()
	k2, _ := gm.GenerateKey()
	old, _ := gm.ParseKeyring(gm.FormatKeySpec("k1", k1))
	ct, _ := old.Encrypt("residents.id_number", []byte("11010519491231002X"))

	kr, _ := gm.ParseKeyring(gm.FormatKeySpec("k2", k2) + "," + gm.FormatKeySpec("k1", k1))
	pt, _ := kr.Decrypt("residents.id_number", ct)
	fmt.Println(string(pt), kr.NeedsRotation(ct))

	ct, _ = kr.Rotate("residents.id_number", ct)
	fmt.Println(strings.HasPrefix(ct, "v1:k2:"), kr.NeedsRotation(ct))
	// Output:
	// 11010519491231002X true
	// true false
}

func ExampleSensitive() {
	id := gm.NewSensitiveMasked("11010519491231002X", gm.MaskIDNumber)
	j, _ := id.MarshalJSON()
	fmt.Printf("%v %s\n", id, j)
	// Output: [REDACTED] "110105********002X"
}
