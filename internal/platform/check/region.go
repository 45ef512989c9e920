package check

// provinceCodes lists the first two digits of GB/T 2260 province-level
// division codes used in resident ID numbers: the 31 mainland provinces,
// Taiwan (71) and, for residence permits of Hong Kong, Macao and Taiwan
// residents, 81, 82 and 83.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// mainlandProvince reports whether p is the code of a mainland province.
func mainlandProvince(p string) bool {
	return provinceCodes[p] && p[0] <= '6'
}

// idRegionOK reports whether the first digits of an ID number name a known
// region. Numbers starting with 9 are foreigners' permanent residence ID
// numbers (2023 edition), whose digits 2–3 are the mainland province code
// of the issuing authority.
func idRegionOK(s string) bool {
	if len(s) < 3 {
		return false
	}
	if s[0] == '9' {
		return mainlandProvince(s[1:3])
	}
	return provinceCodes[s[:2]]
}
