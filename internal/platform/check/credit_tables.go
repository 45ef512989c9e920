package check

// creditAlphabet is the GB 32100-2015 character set: digits and upper-case
// letters except I, O, Z, S and V. A character's value is its index.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for positions 1–17 (GB 32100-2015).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714 weights for the 8-character body of an
// organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// orgAlphabet gives GB 11714 character values: 0–9, then A=10 … Z=35.
const orgAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// authorities maps the GB 32100-2015 registration authority code
// (position 1) to the authority's name.
var authorities = map[byte]string{
	'1': "机构编制",
	'2': "外交",
	'3': "司法行政",
	'4': "文化",
	'5': "民政",
	'6': "旅游",
	'7': "宗教",
	'8': "工会",
	'9': "工商",
	'A': "中央军委改革和编制办公室",
	'N': "农业",
	'Y': "其他",
}

// AuthorityName returns the Chinese name of the registration authority
// whose code is c (position 1 of a credit code), or "" if c is unknown.
func AuthorityName(c byte) string { return authorities[c] }
