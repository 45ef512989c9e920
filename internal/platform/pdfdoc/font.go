package pdfdoc

import _ "embed"

// fontFamily is the name the embedded font is registered under in every
// document.
const fontFamily = "wqymicrohei"

// microHei is WenQuanYi Micro Hei (Apache-2.0, see fonts/NOTICE.txt): a
// TrueType font with glyf outlines covering both the common hanzi and
// Latin letters and digits, which fpdf can subset, so that a PDF carries
// only the glyphs it uses. (Droid Sans Fallback, the first choice, has no
// Latin glyphs: codes and phone numbers came out as empty boxes.)
//
//go:embed fonts/wqy-microhei.ttf
var microHei []byte

// FontTTF returns the embedded CJK font (WenQuanYi Micro Hei), for other
// drawings that need the same glyphs, such as the seal mark.
func FontTTF() []byte { return microHei }
