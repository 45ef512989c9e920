package check

import "time"

// Sex is the sex recorded in an ID number.
type Sex uint8

// Sex values; the 17th digit of an ID number is odd for men, even for women.
const (
	SexUnknown Sex = iota
	SexMale
	SexFemale
)

// String returns the Chinese name of the sex.
func (x Sex) String() string {
	switch x {
	case SexMale:
		return "男"
	case SexFemale:
		return "女"
	}
	return "未知"
}

// IDBirthDate validates s with IDNumber and returns the birth date it
// carries, at midnight China Standard Time (UTC+8).
func IDBirthDate(s string) (time.Time, error) {
	if err := IDNumber(s); err != nil {
		return time.Time{}, err
	}
	y, m, d := idDate(NormalizeIDNumber(s))
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, chinaTime), nil
}

// IDSex validates s with IDNumber and returns the sex it carries.
func IDSex(s string) (Sex, error) {
	if err := IDNumber(s); err != nil {
		return SexUnknown, err
	}
	if (NormalizeIDNumber(s)[16]-'0')%2 == 1 {
		return SexMale, nil
	}
	return SexFemale, nil
}

// idDate reads year, month and day from digits 7–14 of a well-formed number.
func idDate(s string) (y, m, d int) {
	return atoi(s[6:10]), atoi(s[10:12]), atoi(s[12:14])
}

// idBirthOK reports whether the birth date is a real date, from 1900 on and
// not after today's date in China.
func idBirthOK(s string, now time.Time) bool {
	y, m, d := idDate(s)
	if y < 1900 || !realDate(y, m, d) {
		return false
	}
	ny, nm, nd := now.In(chinaTime).Date()
	return y*10000+m*100+d <= ny*10000+int(nm)*100+nd
}

// realDate reports whether y-m-d exists in the Gregorian calendar.
func realDate(y, m, d int) bool {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	ty, tm, td := t.Date()
	return ty == y && int(tm) == m && td == d
}

// atoi converts ASCII digits; callers guarantee s is all digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
