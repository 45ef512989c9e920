package org

// seedDepartment is one department of the seeded reference data.
type seedDepartment struct {
	name, short string
}

// qixiaDepartments are the 27 departments of 栖霞区 that run licensing and
// public services (the book counts 27), named the way Nanjing names its
// district bodies: "南京市栖霞区…" for district bureaus, "南京市…局栖霞分局"
// for branches of municipal bureaus (public security, planning and natural
// resources), "南京市栖霞生态环境局" for the vertically managed
// environment bureau. Their order fixes their codes 320113D01…D27; append,
// never reorder. Credit codes are left empty rather than invented: the
// administrator fills them in. The phone is the 12345 government service
// hotline, which answers for every department.
var qixiaDepartments = []seedDepartment{
	{"南京市栖霞区政务服务管理办公室（南京市栖霞区行政审批局）", "区政务办"},
	{"南京市栖霞区发展和改革委员会", "区发改委"},
	{"南京市栖霞区教育局", "区教育局"},
	{"南京市栖霞区科学技术局", "区科技局"},
	{"南京市栖霞区工业和信息化局", "区工信局"},
	{"南京市公安局栖霞分局", "区公安分局"},
	{"南京市栖霞区民政局", "区民政局"},
	{"南京市栖霞区司法局", "区司法局"},
	{"南京市栖霞区财政局", "区财政局"},
	{"南京市栖霞区人力资源和社会保障局", "区人社局"},
	{"南京市规划和自然资源局栖霞分局", "区规划资源分局"},
	{"南京市栖霞生态环境局", "区生态环境局"},
	{"南京市栖霞区住房和城乡建设局", "区住建局"},
	{"南京市栖霞区交通运输局", "区交通运输局"},
	{"南京市栖霞区水务局", "区水务局"},
	{"南京市栖霞区农业农村局", "区农业农村局"},
	{"南京市栖霞区商务局", "区商务局"},
	{"南京市栖霞区文化和旅游局", "区文旅局"},
	{"南京市栖霞区卫生健康委员会", "区卫健委"},
	{"南京市栖霞区退役军人事务局", "区退役军人局"},
	{"南京市栖霞区应急管理局", "区应急局"},
	{"南京市栖霞区审计局", "区审计局"},
	{"南京市栖霞区市场监督管理局", "区市场监管局"},
	{"南京市栖霞区统计局", "区统计局"},
	{"南京市栖霞区医疗保障局", "区医保局"},
	{"南京市栖霞区城市管理局", "区城管局"},
	{"南京市栖霞区城市管理综合行政执法局", "区城管执法局"},
}

// Department numbers (the two digits after "D") used by the sub-centres.
const (
	deptPolice     = 6
	deptCivil      = 7
	deptSocial     = 10
	deptPlanning   = 11
	deptMarket     = 23
	deptHealthcare = 25
)

// seedSubcentre is one department sub-centre of the seeded data.
type seedSubcentre struct {
	name string
	dept int
}

// qixiaSubcentres are the 7 department sub-centres. Each is run by one of
// the 27 departments (a sub-centre must name its department); counters of
// vertically managed bodies outside the 27 (tax, housing fund) sit inside
// the district centre instead. Their order fixes their codes 320113P02…P08.
var qixiaSubcentres = []seedSubcentre{
	{"栖霞区不动产登记分中心", deptPlanning},
	{"栖霞区社会保险分中心", deptSocial},
	{"栖霞区医疗保障分中心", deptHealthcare},
	{"栖霞区出入境管理分中心", deptPolice},
	{"栖霞区车辆管理分中心", deptPolice},
	{"栖霞区婚姻登记分中心", deptCivil},
	{"栖霞区企业登记分中心", deptMarket},
}

// Opening hours of the seeded points. The district centre keeps the
// extended hours the book describes (12-hour counters Monday–Saturday).
const (
	hoursDistrict = "周一至周六 8:00—20:00；网上办理24小时"
	hoursOffice   = "工作日 9:00—12:00，13:30—17:30（法定节假日除外）"
	seedPhone     = "12345"
)
