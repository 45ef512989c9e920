package license

import "time"

// dateCN writes a YYYY-MM-DD date the Chinese way, 2026年3月2日; text
// that is not such a date is returned as it is.
func dateCN(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2006年1月2日")
}

// validityCN is a licence's validity period in words.
func validityCN(m Metadata) string {
	if m.ValidUntil == "" {
		return dateCN(m.ValidFrom) + "起长期有效"
	}
	return dateCN(m.ValidFrom) + "至" + dateCN(m.ValidUntil)
}
