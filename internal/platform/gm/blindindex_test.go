package gm

import (
	"regexp"
	"testing"
)

func mustIndexer(t testing.TB, current string, keys map[string][]byte) *BlindIndexer {
	t.Helper()
	b, err := NewBlindIndexer(current, keys)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var indexShape = regexp.MustCompile(`^[A-Za-z0-9_.-]+:[0-9a-f]{64}$`)

func TestBlindIndex(t *testing.T) {
	i1 := mustIndexer(t, "i1", map[string][]byte{"i1": testKey(1)})
	i1b := mustIndexer(t, "i1", map[string][]byte{"i1": testKey(2)})
	a := i1.BlindIndex(ctxID, "32011319900101123X")
	if !indexShape.MatchString(a) || a[:3] != "i1:" {
		t.Fatalf("index %q", a)
	}
	if i1.BlindIndex(ctxID, "32011319900101123X") != a {
		t.Fatal("not deterministic")
	}
	if i1.BlindIndex(ctxID, " 32011319900101123x ") != a {
		t.Fatal("normalisation not applied")
	}
	for name, other := range map[string]string{
		"other context": i1.BlindIndex("residents.phone", "32011319900101123X"),
		"other key":     i1b.BlindIndex(ctxID, "32011319900101123X"),
		"other value":   i1.BlindIndex(ctxID, "32011319900101124X"),
	} {
		if other == a {
			t.Errorf("%s gives the same index", name)
		}
	}
	// Length-prefixed context: moving bytes between context and value
	// must change the index.
	if i1.BlindIndex("ab", "C") == i1.BlindIndex("a", "BC") {
		t.Error("context/value boundary is ambiguous")
	}
}

func TestBlindIndexRotation(t *testing.T) {
	spec := FormatKeySpec("i2", testKey(2)) + "," + FormatKeySpec("i1", testKey(1)) + "," + FormatKeySpec("i0", testKey(3))
	b, err := ParseBlindIndexer(spec)
	if err != nil {
		t.Fatal(err)
	}
	old := mustIndexer(t, "i1", map[string][]byte{"i1": testKey(1)})
	oldIdx := old.BlindIndex(ctxID, "v")
	all := b.BlindIndexes(ctxID, "v")
	if len(all) != 3 || all[0] != b.BlindIndex(ctxID, "v") || all[2] != oldIdx {
		t.Fatalf("BlindIndexes = %v", all)
	}
	if !b.NeedsReindex(oldIdx) || b.NeedsReindex(all[0]) || b.NeedsReindex("garbage") {
		t.Fatal("NeedsReindex")
	}
	if b.CurrentID() != "i2" {
		t.Fatal("current")
	}
}

func TestBlindIndexerCopiesKeys(t *testing.T) {
	k := testKey(5)
	b := mustIndexer(t, "i1", map[string][]byte{"i1": k})
	before := b.BlindIndex(ctxID, "v")
	clear(k)
	if b.BlindIndex(ctxID, "v") != before {
		t.Fatal("indexer shares the caller's key slice")
	}
}

func TestBlindIndexerErrors(t *testing.T) {
	if _, err := NewBlindIndexer("i1", map[string][]byte{"i1": make([]byte, 15)}); err == nil {
		t.Error("short key accepted")
	}
	if _, err := ParseBlindIndexer("i1"); err == nil {
		t.Error("bad spec accepted")
	}
	if _, err := NewBlindIndexer("i1", map[string][]byte{"i1": make([]byte, 64)}); err != nil {
		t.Error(err)
	}
}

func TestNormalizeIndexValue(t *testing.T) {
	for in, want := range map[string]string{
		"  a\tb  c ":     "A B C",
		"张三":             "张三",
		"Ab@example.com": "AB@EXAMPLE.COM",
		"ſ ı":            "ſ ı",
		"":               "",
	} {
		if got := NormalizeIndexValue(in); got != want {
			t.Errorf("NormalizeIndexValue(%q) = %q, want %q", in, got, want)
		}
	}
}
