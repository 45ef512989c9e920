package check

import "testing"

type phoneCase struct{ in, want, code string }

func runPhoneCases(t *testing.T, name string, f func(string) (string, error), cases []phoneCase) {
	t.Helper()
	for _, tc := range cases {
		got, err := f(tc.in)
		if got != tc.want || ErrorCode(err) != tc.code {
			t.Errorf("%s(%q) = %q, %v; want %q, code %q", name, tc.in, got, err, tc.want, tc.code)
		}
	}
}

func TestPhone(t *testing.T) {
	runPhoneCases(t, "Phone", Phone, []phoneCase{
		{"13800138000", "13800138000", ""},
		{"138 0013 8000", "13800138000", ""},
		{"138-0013-8000", "13800138000", ""},
		{"+86 138 0013 8000", "13800138000", ""},
		{"+8613800138000", "13800138000", ""},
		{"8613800138000", "13800138000", ""},
		{"0086-13800138000", "13800138000", ""},
		{"19912345678", "19912345678", ""},
		{"", "", CodeEmpty},
		{" - ", "", CodeEmpty},
		{"12800138000", "", CodeFormat},
		{"23800138000", "", CodeFormat},
		{"1380013800", "", CodeLength},
		{"138001380001", "", CodeLength},
		{"1380013800a", "", CodeFormat},
		{"１３８００１３８０００", "", CodeFormat},
		{"'; DROP TABLE x;--", "", CodeFormat},
		{"<script>", "", CodeFormat},
	})
}

func TestLandline(t *testing.T) {
	runPhoneCases(t, "Landline", Landline, []phoneCase{
		{"025-12345678", "025-12345678", ""},
		{"(025)12345678", "025-12345678", ""},
		{"02512345678", "025-12345678", ""},
		{"010 1234 5678", "010-12345678", ""},
		{"0571-8765432", "0571-8765432", ""},
		{"+86 25 12345678", "025-12345678", ""},
		{"+86 025 12345678", "025-12345678", ""},
		{"", "", CodeEmpty},
		{"12345678", "", CodeFormat},
		{"025-0123456", "", CodeFormat},
		{"025-123456", "", CodeFormat},
		{"025-123456789", "", CodeFormat},
		{"011-12345678", "", CodeFormat},
		{"0", "", CodeFormat},
		{"'; DROP TABLE x;--", "", CodeFormat},
	})
}

func TestServicePhone(t *testing.T) {
	runPhoneCases(t, "ServicePhone", ServicePhone, []phoneCase{
		{"12345", "12345", ""},
		{"96106", "96106", ""},
		{"10086", "10086", ""},
		{"95588", "95588", ""},
		{"400-123-4567", "400-123-4567", ""},
		{"8001234567", "800-123-4567", ""},
		{"025-12345678", "025-12345678", ""},
		{"+86 138 0013 8000", "13800138000", ""},
		{"", "", CodeEmpty},
		{"110", "", CodeFormat},
		{"13345", "", CodeFormat},
		{"<script>", "", CodeFormat},
		{"'; DROP TABLE x;--", "", CodeFormat},
	})
}
