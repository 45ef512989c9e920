package org

// reattached lists the communities that the official division list files
// under a statistical unit (street sequence 400 or more) although they are
// real communities with residents: they are imported under the real street
// named here and keep their official codes. Every other community of a
// statistical unit (a prison, logistics parks, "虚拟社区") is left out.
//
// 东阳社区 and 西花社区 are the two communities of 栖霞经济开发区
// (320113401). The open data files them under the zone and does not say
// which street's territory they lie in; the zone sits in the 马群–仙林
// area of eastern Qixia, so the candidates are 马群街道 and 仙林街道. Both
// go to 马群街道 (320113002), together: splitting one small zone's two
// communities between two streets would give them two street centres and
// two street administrators for no gain. Choosing 马群 over 仙林 could not
// be checked against an official source when this was written, so it is a
// judgement to be confirmed by the district's civil affairs bureau
// (区民政局): to move them, change the street code here and re-import —
// the import moves the communities and keeps their codes, grids, stations
// and posts.
var reattached = map[string]string{
	"320113401001": "320113002", // 东阳社区居委会 → 马群街道
	"320113401002": "320113002", // 西花社区居委会 → 马群街道
}
