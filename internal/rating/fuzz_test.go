package rating

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzInputValidate: whatever comes in, an accepted input has a valid
// level, at most 500 characters of text and only the level's tags.
func FuzzInputValidate(f *testing.F) {
	f.Add(5, "办事快捷", "很好")
	f.Add(1, "多次跑腿", "跑了三次")
	f.Add(0, "", "")
	f.Add(3, "材料要求多", "\x00")
	f.Fuzz(func(t *testing.T, level int, tag, comment string) {
		in, err := Input{Level: Level(level), Tags: []string{tag}, Comment: comment}.validate()
		if err != nil {
			return
		}
		if !in.Level.Valid() || utf8.RuneCountInString(in.Comment) > MaxComment {
			t.Fatalf("accepted %+v", in)
		}
		for _, tg := range in.Tags {
			if !slices.Contains(in.Level.Tags(), tg) {
				t.Fatalf("accepted tag %q for %s", tg, in.Level.Name())
			}
		}
	})
}
