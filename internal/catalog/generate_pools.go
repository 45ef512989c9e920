package catalog

// Vocabulary of the catalogue genState: real-world subjects, materials,
// laws and form fields, combined at random into plausible items.

// genTypeShare is each item type's share of a generated catalogue, after
// the shape of a district's published list (3,132 items, 448 licences).
var genTypeShare = []struct {
	t     ItemType
	share float64
}{
	{TypeLicence, 448.0 / 3132}, {TypePenalty, 0.24}, {TypeCoercion, 0.03}, {TypeLevy, 0.01},
	{TypeBenefit, 0.05}, {TypeInspection, 0.06}, {TypeConfirmation, 0.07}, {TypeReward, 0.01},
	{TypeAdjudication, 0.005}, {TypeOtherPower, 0.04}, {TypePublicService, 0}, // the rest
}

// genSubjects are the matters each type acts on.
var genSubjects = map[ItemType][]string{
	TypeLicence: {"食品经营", "小餐饮经营", "药品零售", "医疗机构执业", "公共场所卫生", "烟草专卖零售", "道路货物运输经营",
		"城镇污水排入排水管网", "占用城市道路", "户外广告设施设置", "民办学校办学", "娱乐场所经营", "出版物零售",
		"建设工程规划", "建筑工程施工", "燃气经营", "放射诊疗", "母婴保健技术服务", "人力资源服务", "劳务派遣经营",
		"旅馆业特种行业", "犬只养殖", "林木采伐", "再生资源回收", "校外培训机构设立"},
	TypePenalty: {"未取得食品经营许可从事食品经营", "违规设置户外广告", "占道经营", "违规排放污水", "无证行医",
		"未按规定进行消防安全检查", "违反烟草专卖管理", "违反价格管理规定", "违规建设", "违规处置建筑垃圾"},
	TypeCoercion:     {"查封违法经营场所", "扣押不符合安全标准的食品", "强制拆除违法建筑", "冻结存款", "强制清除障碍物"},
	TypeLevy:         {"城市道路占用挖掘费", "残疾人就业保障金", "国有土地使用权出让收入", "污水处理费"},
	TypeBenefit:      {"最低生活保障", "特困人员救助供养", "临时救助", "高龄津贴", "残疾人两项补贴", "退役军人优抚金", "孤儿基本生活费"},
	TypeInspection:   {"食品生产经营日常监督", "公共场所卫生监督", "消防安全", "用人单位劳动保障", "特种设备安全", "校园安全"},
	TypeConfirmation: {"生育登记", "独生子女父母光荣证", "就业困难人员认定", "低收入家庭认定", "残疾等级评定", "工伤认定", "失业登记"},
	TypeReward:       {"见义勇为", "计划生育家庭", "优秀志愿者", "安全生产举报"},
	TypeAdjudication: {"林木林地权属争议", "土地权属争议", "劳动人事争议"},
	TypeOtherPower:   {"建设工程竣工验收备案", "房屋租赁登记备案", "养老机构备案", "社会团体年度检查", "民办非企业单位变更"},
	TypePublicService: {"社会保障卡申领", "城乡居民养老保险参保登记", "医疗保险关系转移", "档案查询（e站通）", "老年人助餐",
		"居家养老服务申请", "新生儿医保参保", "入学资格审核", "公租房申请", "住房公积金提取", "就业创业证申领",
		"失业保险金申领", "婚姻登记预约", "殡葬补贴申领", "无犯罪记录证明开具", "居住证申领", "流动人口登记",
		"职业技能培训补贴", "灵活就业人员参保", "残疾人辅助器具适配"},
}

// genTypeWords complete a subject into a name ("食品经营" + "许可").
var genTypeWords = map[ItemType]string{
	TypeLicence: "许可", TypePenalty: "的处罚", TypeCoercion: "", TypeLevy: "征收", TypeBenefit: "给付",
	TypeInspection: "检查", TypeConfirmation: "", TypeReward: "奖励", TypeAdjudication: "裁决",
	TypeOtherPower: "", TypePublicService: "",
}

// genQualifiers tell apart items on the same subject.
var genQualifiers = []string{"", "", "", "（个人）", "（企业）", "（连锁）", "（跨区迁入）", "（街道受理）", "（社区代办）", "（网上办）"}

var genSubNames = []string{"一般情形", "简易程序", "特殊情形", "港澳台居民", "外籍人员", "集体申请"}

var genLaws = []LegalBasis{
	{Title: "《中华人民共和国行政许可法》", Article: "第四十二条", Text: "除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。"},
	{Title: "《中华人民共和国食品安全法》", Article: "第三十五条", Text: "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。"},
	{Title: "《中华人民共和国行政处罚法》", Article: "第五十一条", Text: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。"},
	{Title: "《社会救助暂行办法》", Article: "第九条", Text: "国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。"},
	{Title: "《中华人民共和国社会保险法》", Article: "第十条", Text: "职工应当参加基本养老保险，由用人单位和职工共同缴纳基本养老保险费。"},
	{Title: "《优化营商环境条例》", Article: "第三十五条", Text: "政府及其有关部门应当推进政务服务标准化，按照减环节、减材料、减时限的要求，编制并向社会公开政务服务事项标准化工作流程和办事指南。"},
	{Title: "《江苏省人口与计划生育条例》", Article: "第二十条", Text: "实行生育登记服务制度，夫妻生育子女的，可以向户籍所在地或者现居住地乡镇人民政府、街道办事处进行生育登记。"},
}

var genMaterials = []Material{
	{Name: "申请人居民身份证", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatElectronic, Source: SourceSharedData, Note: "通过共享数据获取，申请人无需提交"},
	{Name: "营业执照", Required: true, Copies: 1, Original: CopyOnly, Format: FormatElectronic, Source: SourceLicenceReuse, LicenceType: "YYZZ"},
	{Name: "申请书", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatElectronic, Source: SourceSystem, Note: "在线填报后由系统生成"},
	{Name: "经营场所平面图", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatBoth, Source: SourceApplicant},
	{Name: "户口簿", Required: false, Copies: 1, Original: OriginalBoth, Format: FormatPaper, Source: SourceApplicant},
	{Name: "结婚证", Required: true, Copies: 1, Original: CopyOnly, Format: FormatElectronic, Source: SourceLicenceReuse, LicenceType: "JHZ"},
	{Name: "授权委托书", Required: false, Copies: 1, Original: OriginalOnly, Format: FormatPaper, Source: SourceApplicant, Note: "委托他人办理时提供"},
	{Name: "不动产权证书", Required: true, Copies: 1, Original: CopyOnly, Format: FormatElectronic, Source: SourceLicenceReuse, LicenceType: "BDCQZ"},
	{Name: "收入情况声明", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatElectronic, Source: SourceApplicant},
	{Name: "医学诊断证明", Required: true, Copies: 1, Original: OriginalBoth, Format: FormatPaper, Source: SourceApplicant},
	{Name: "从业人员健康证明", Required: true, Copies: 1, Original: CopyOnly, Format: FormatElectronic, Source: SourceSharedData},
	{Name: "现场检查记录", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatElectronic, Source: SourceSystem},
}

var genFields = []FormField{
	{Name: "applicant_name", Label: "申请人姓名", Type: FieldText, Required: true, MaxLen: 30},
	{Name: "id_number", Label: "公民身份号码", Type: FieldIDNumber, Required: true},
	{Name: "phone", Label: "联系电话", Type: FieldPhone, Required: true},
	{Name: "address", Label: "联系地址", Type: FieldAddress, Required: true, MaxLen: 120, Help: "请填写栖霞区内的详细地址"},
	{Name: "credit_code", Label: "统一社会信用代码", Type: FieldCreditCode, Required: true},
	{Name: "apply_date", Label: "申请日期", Type: FieldDate},
	{Name: "reason", Label: "申请事由", Type: FieldLongText, Required: true, MaxLen: 500},
	{Name: "area", Label: "经营面积（平方米）", Type: FieldNumber},
	{Name: "pickup", Label: "领取方式", Type: FieldChoice, Required: true, Options: []string{"窗口领取", "邮寄送达", "同城取件"}},
	{Name: "scope", Label: "经营项目", Type: FieldMultiChoice, Options: []string{"热食类", "冷食类", "生食类", "糕点类", "自制饮品"}},
	{Name: "attachment", Label: "其他附件", Type: FieldFile},
	{Name: "members", Label: "家庭成员", Type: FieldTable, Columns: []FormField{
		{Name: "name", Label: "姓名", Type: FieldText, Required: true, MaxLen: 30},
		{Name: "relation", Label: "与申请人关系", Type: FieldChoice, Required: true, Options: []string{"配偶", "子女", "父母", "其他亲属"}},
		{Name: "id_number", Label: "公民身份号码", Type: FieldIDNumber},
	}},
}

var genConditions = []string{
	"申请人具有完全民事行为能力", "户籍或居住证在栖霞区", "具有与经营项目相适应的场所和设施",
	"有符合规定的专业技术人员", "家庭人均收入低于本市最低生活保障标准", "年满60周岁", "已依法办理市场主体登记",
	"未被列入严重失信主体名单",
}

var genKeywords = []string{"怎么办", "网上办", "不见面", "开店", "办证", "补贴", "养老", "社保", "生孩子", "上学",
	"找工作", "看病", "租房", "买房", "退休", "残疾", "低保", "证明", "备案", "年检"}

var genPlaces = []string{"栖霞区政务服务中心", "各街道便民服务中心", "各社区（村）便民服务站（e站通）"}
