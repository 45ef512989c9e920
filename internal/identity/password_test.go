package identity

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestPasswordHashIsPHCWithDefaultParameters(t *testing.T) {
	p := DefaultPasswordParams()
	h, err := hashPassword("Correct-horse-9", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not the documented PHC form", h)
	}
	ok, rehash, err := verifyPassword("Correct-horse-9", h, p)
	if err != nil || !ok || rehash {
		t.Fatalf("verify = %v, %v, %v", ok, rehash, err)
	}
	if ok, _, _ := verifyPassword("Correct-horse-8", h, p); ok {
		t.Fatal("a wrong password verified")
	}
	h2, _ := hashPassword("Correct-horse-9", p)
	if h2 == h {
		t.Fatal("two hashes of one password share a salt")
	}
}

func TestPasswordParametersCanChange(t *testing.T) {
	old := PasswordParams{Memory: 64, Time: 1, Threads: 1}
	h, err := hashPassword("Correct-horse-9", old)
	if err != nil {
		t.Fatal(err)
	}
	ok, rehash, err := verifyPassword("Correct-horse-9", h, PasswordParams{Memory: 128, Time: 2, Threads: 1})
	if err != nil || !ok || !rehash {
		t.Fatalf("old hash under new params: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	if _, rehash, _ := verifyPassword("wrong-password-1", h, DefaultPasswordParams()); rehash {
		t.Fatal("rehash asked for a wrong password")
	}
}

func TestMalformedHashesAreRefused(t *testing.T) {
	for _, h := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
	} {
		if _, err := parsePHC(h); err == nil {
			t.Errorf("parsePHC(%q) accepted", h)
		}
		if ok, _, err := verifyPassword("x", h, DefaultPasswordParams()); ok || err == nil {
			t.Errorf("verifyPassword accepted hash %q", h)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	cases := []struct {
		pw string
		ok bool
	}{
		{"Abcdefghij", true},
		{"abcdefghi1", true},
		{"abcdefgh-!", true},
		{"密码密码密码密码12", true},
		{"Abcdefghi", false},             // 9
		{"abcdefghijk", false},           // one class
		{"ABCDEFGHIJK", false},           // one class
		{"12345678901", false},           // one class
		{"!@#$%^&*()_", false},           // one class
		{"密码密码密码密码密码", false},            // one class
		{strings.Repeat("aB", 64), true}, // 128
		{strings.Repeat("aB", 64) + "c", false},
		{"Abcdefghij\x00", false},
	}
	for _, c := range cases {
		err := checkPassword("password", c.pw)
		if (err == nil) != c.ok {
			t.Errorf("checkPassword(%q) = %v, want ok=%v", c.pw, err, c.ok)
		}
		if err != nil && apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("checkPassword(%q) code %s", c.pw, apperr.CodeOf(err))
		}
	}
}

func TestPasswordParamsValidate(t *testing.T) {
	for _, p := range []PasswordParams{{Memory: 4, Time: 1, Threads: 1}, {Memory: 64, Time: 0, Threads: 1},
		{Memory: 64, Time: 1, Threads: 0}, {Memory: 1 << 21, Time: 1, Threads: 1}} {
		if p.validate() == nil {
			t.Errorf("%+v accepted", p)
		}
	}
	if err := DefaultPasswordParams().validate(); err != nil {
		t.Error(err)
	}
}
