package check

import "testing"

var fuzzSeeds = []string{
	"", "11010519491231002X", "11010519491231002x", "110105194912310021",
	"440524188001010014", "91115619900101123X", "914403001922038216",
	"91440300708461136t", "914403001922038217", "'; DROP TABLE x;--",
	"<script>", "+86 138-0013-8000", "8613800138000", "(025)12345678",
	"+86 25 12345678", "12345", "400-123-4567", "\x00\xff", "９１",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

func FuzzIDNumber(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = IDNumberCheckChar(s)
		err := IDNumberAt(s, fixedNow)
		if err != nil {
			if ErrorCode(err) == "" || err.Error() == "" {
				t.Fatalf("error without code or message: %#v", err)
			}
			return
		}
		n := NormalizeIDNumber(s)
		if NormalizeIDNumber(n) != n || len(n) != idLength {
			t.Fatalf("normalised form %q unstable", n)
		}
		if err := IDNumberAt(n, fixedNow); err != nil {
			t.Fatalf("normalised %q rejected: %v", n, err)
		}
		if c, err := IDNumberCheckChar(n[:17]); err != nil || c != n[17] {
			t.Fatalf("check char %q, %v for %q", c, err, n)
		}
	})
}

func FuzzCreditCode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = CreditCodeCheckChar(s)
		_, _ = OrgCodeCheckChar(s)
		r, err := CreditCode(s)
		if err != nil {
			if ErrorCode(err) == "" || r != (Result{}) {
				t.Fatalf("bad error result %+v, %#v", r, err)
			}
			return
		}
		again, err := CreditCode(r.Normalized)
		if err != nil || again != r {
			t.Fatalf("re-validation of %q: %+v, %v", r.Normalized, again, err)
		}
		c, _ := CreditCodeCheckChar(r.Normalized[:17])
		if (c == r.Normalized[17]) != r.ChecksumOK {
			t.Fatalf("ChecksumOK inconsistent for %q", r.Normalized)
		}
		if (r.Warning == "") != (r.ChecksumOK && r.OrgCodeOK) {
			t.Fatalf("warning inconsistent: %+v", r)
		}
		if r.ChecksumOK && MakeCreditCode(r.Normalized[:17]) != r.Normalized {
			t.Fatalf("MakeCreditCode disagrees for %q", r.Normalized)
		}
	})
}

func FuzzPhone(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for name, fn := range map[string]func(string) (string, error){
			"Phone": Phone, "Landline": Landline, "ServicePhone": ServicePhone,
		} {
			out, err := fn(s)
			if err != nil {
				if ErrorCode(err) == "" || out != "" {
					t.Fatalf("%s(%q) = %q, %#v", name, s, out, err)
				}
				continue
			}
			if again, err := fn(out); err != nil || again != out {
				t.Fatalf("%s(%q) = %q, re-validates to %q, %v", name, s, out, again, err)
			}
		}
	})
}
