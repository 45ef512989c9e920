package verify

// Level is an identity level, L1 to L3 (see the package documentation).
// L0 is nobody verified: an anonymous caller or a staff account.
type Level int

// The identity levels.
const (
	L0 Level = 0
	L1 Level = 1
	L2 Level = 2
	L3 Level = 3
)

// Name is the level's Chinese description.
func (l Level) Name() string {
	switch l {
	case L1:
		return "L1 短信验证码登录"
	case L2:
		return "L2 实名核验（运营商三要素及短信验证码）"
	case L3:
		return "L3 人脸识别核验"
	}
	return "L0 未核验"
}

// Valid reports whether l is L1, L2 or L3, the levels an item may require.
func (l Level) Valid() bool { return l >= L1 && l <= L3 }
