package verify

// Messages shown to people, in one place so that English can follow.
const (
	msgImageEmpty    = "请上传人脸照片"
	msgImageTooLarge = "照片不能超过 %s"
	msgImageType     = "照片须为 JPEG 或 PNG 格式"
	msgImageBroken   = "照片文件已损坏，无法识别"
	msgImageSmall    = "照片尺寸过小，请重新拍摄"

	msgPurposeEmpty = "请说明核验用途"
	msgPurposeLong  = "核验用途过长"
	msgNameEmpty    = "请输入姓名"
	msgNameBad      = "姓名应为2到30个字符，不含数字和符号"
	msgIDLong       = "身份证号码应为18位"

	msgNotFound         = "身份核验记录不存在"
	msgExpired          = "身份核验已超过有效期，请重新开始"
	msgUsed             = "该身份核验已使用，请重新开始"
	msgCarrierDone      = "运营商实名核验已通过，无需重复核验"
	msgFaceDone         = "人脸识别核验已通过，无需重复核验"
	msgCarrierFirst     = "请先完成运营商三要素实名核验"
	msgCarrierExhausted = "运营商实名核验失败次数过多，请重新开始身份核验"
	msgFaceExhausted    = "人脸识别失败次数过多，请重新开始身份核验"
	msgPhoneNotOwn      = "手机号须为您登录时使用的手机号"
	msgCarrierMismatch  = "姓名、身份证号与手机号的登记信息不一致%s"
	msgCarrierUnknown   = "该手机号未在运营商登记或已停机%s"
	msgFaceMismatch     = "人脸与身份证照片不一致，请正对镜头、光线充足后重试%s"
	msgFaceNoPhoto      = "公安人口库中没有该身份证号的照片，请到窗口办理"
	msgAttemptsLeft     = "（还可尝试%d次）"
	msgProviderDown     = "%s暂不可用，请稍后再试"
	msgCarrierProvider  = "运营商实名核验服务"
	msgFaceProvider     = "人脸识别服务"

	msgOtherPurpose  = "该身份核验用于其他事项，不能用于本次办理"
	msgNeedStart     = "请先完成身份核验（本事项要求%s）"
	msgNeedCarrier   = "尚未完成运营商三要素实名核验（姓名、身份证号、手机号），本事项要求%s"
	msgNeedFace      = "尚未完成人脸识别核验，本事项要求%s"
	msgNeedPublic    = "身份核验仅适用于居民和企业用户"
	msgLevelBad      = "身份核验等级应为 L1、L2 或 L3"
	msgMultipartOnly = "请以 multipart/form-data 上传照片（字段 image）"
)
