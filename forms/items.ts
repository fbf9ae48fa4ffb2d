// The item bank: every checklist requirement, once. Forms (one file per institution type) pick from it.
// Wording follows the published campaign documents (西夏墅镇整治解读, 镇校外托管培训治理方案,
// 校外培训“安全守护”行动方案, 托育服务机构专项治理方案).
// To change a requirement: edit its text/basis here and bump the version of every form that uses it.
// To add one: give it a new code (never reuse a retired code), then list it in the forms that need it.
import type { ChecklistItem } from "../src/domain/checklist";
import type { InstitutionType } from "../src/domain/types";

const ALL: InstitutionType[] = ["training", "aftercare", "meal", "childcare"];
const CARE: InstitutionType[] = ["aftercare", "meal", "childcare"];

/**
 * One requirement. Its short facts are one line (the bank is long, and every run loads the bundle that
 * carries it), separated by spaces: the code; the types it applies to ("all", "care" for aftercare, meal
 * and childcare, or type ids joined by "+"); the lead department; the default class (I, II, III); the
 * default deadline in days; and "na" where 不适用 is allowed. The build checks every item (`npm run build`).
 */
function item(facts: string, text: string, basis: string, help?: string): ChecklistItem {
  const [code, types, dept, severity, days, na] = facts.split(" ");
  return {
    code: code!,
    text,
    types:
      types === "all" ? [...ALL] : types === "care" ? [...CARE] : (types!.split("+") as InstitutionType[]),
    dept: dept!,
    basis,
    severity: severity as ChecklistItem["severity"],
    deadlineDays: Number(days),
    allowNa: na === "na",
    ...(help === undefined ? {} : { help }),
  };
}

const GUARD_PLAN_3_1 = "“安全守护”专项行动方案 三（一）";
const FIRE_NINE_RULES = "校外培训机构消防安全管理九项规定";

export const ITEMS: ChecklistItem[] = [
  // 资质 qualifications
  item(
    "QUAL-01 training 教育 II 30",
    "取得办学许可证（校外培训机构按学科类/非学科类审批）",
    "《民办教育促进法》第十八条；校外培训机构设置标准",
  ),
  item(
    "QUAL-02 all 市场监管 II 30",
    "取得营业执照或事业单位法人证书、民办非企业单位登记证书",
    "《市场主体登记管理条例》；《民办非企业单位登记管理暂行条例》",
  ),
  item(
    "QUAL-03 care 市场监管 II 30 na",
    "提供餐食的取得食品经营许可证",
    "《食品安全法》第三十五条",
    "不提供餐食的选“不适用”。",
  ),
  item("QUAL-04 care 卫生健康 II 15", "从业人员持有效健康证明", "《食品安全法》第四十五条；托育机构管理规范"),
  item(
    "QUAL-05 care 卫生健康 II 30 na",
    "取得卫生许可证或通过卫生评价",
    "托育机构设置标准；公共场所卫生管理条例",
  ),
  item(
    "QUAL-06 childcare 卫生健康 II 30",
    "已向卫生健康部门备案（托育机构）",
    "《托育机构登记和备案办法（试行）》",
  ),
  item("QUAL-07 training 教育 II 30", "按规定办理年检或年度报告报备", "校外培训机构年检和年度报告制度"),
  // 场地 premises
  item(
    "PREM-01 all 住建 II 30",
    "房屋结构安全，有校舍（房屋）安全鉴定",
    "建管中心协助校舍安全鉴定（西夏墅镇方案）",
    "危房或无法加固的选“不符合”并归三类。",
  ),
  item(
    "PREM-02 all 教育 II 15",
    "生均面积达标，实际人数不超过核定容量",
    "校外培训机构设置标准；托育机构设置标准",
  ),
  item("PREM-03 all 公安 II 30", "安装视频监控并有与主管部门实时联网的接口", GUARD_PLAN_3_1),
  item("PREM-04 all 城管 I 0", "设置醒目的安全指示标识", GUARD_PLAN_3_1),
  item("PREM-05 all 教育 II 7", "设施设备质量达标，定期消毒维护，无损毁、松动、垮塌", GUARD_PLAN_3_1),
  item("PREM-06 all 卫生健康 I 0", "配备常规医疗急救物品", GUARD_PLAN_3_1),
  item("PREM-07 all 教育 II 30", "购买场所责任险、人身意外伤害险", GUARD_PLAN_3_1),
  item(
    "PREM-08 training+aftercare 教育 II 15 na",
    "有危险性的活动（体育、舞蹈、户外等）有专业人员保护和器材防护",
    GUARD_PLAN_3_1,
  ),
  // 消防 fire
  item("FIRE-01 all 消防 I 0", "疏散通道、安全出口畅通，无堵塞、锁闭", "《消防法》第二十八条"),
  item("FIRE-02 all 消防 II 7", "灭火器、应急照明灯、疏散指示标志配备齐全且完好有效", "《消防法》第十六条"),
  item(
    "FIRE-03 all 消防 II 30",
    "安全疏散条件符合要求（出口数量、所在楼层、无“三合一”住人）",
    FIRE_NINE_RULES,
    "设在地下室或无法改造的归三类。",
  ),
  item("FIRE-04 all 消防 II 7", "电气线路、燃气使用规范，无私拉乱接、违规使用大功率电器", FIRE_NINE_RULES),
  item(
    "FIRE-05 all 消防 II 15",
    "对照消防安全管理九项规定开展自查自评并有记录",
    "“安全守护”专项行动方案 三（二）",
  ),
  // 食品 food
  item(
    "FOOD-01 care 市场监管 I 0 na",
    "食材储存规范：分类存放、离地离墙，无过期变质食品",
    "《食品安全法》第五十四条",
  ),
  item(
    "FOOD-02 care 市场监管 II 7 na",
    "厨房卫生条件达标，生熟分开，餐饮具清洗消毒",
    "《食品安全法》第三十三条",
  ),
  item(
    "FOOD-03 care 市场监管 I 0 na",
    "落实食品留样（每餐每样不少于125克、冷藏48小时）",
    "《学校食品安全与营养健康管理规定》第三十七条",
  ),
  // 人员 staff
  item(
    "STAFF-01 all 公安 II 15",
    "全部从业人员已完成违法犯罪记录查询（性侵、虐待、暴力、涉毒等）",
    "《未成年人保护法》第六十二条",
  ),
  item(
    "STAFF-02 training+aftercare+childcare 教育 II 30",
    "从业人员具备相应资质（教师资格、保育人员资格等）",
    "校外培训机构从业人员管理办法",
  ),
  item(
    "STAFF-03 training+aftercare+meal 教育 II 7",
    "无在职中小学教师举办、参与或介绍学生参加",
    "《中小学教师违反职业道德行为处理办法》",
  ),
  // 行为 conduct and fees
  item(
    "COND-01 aftercare+meal 教育 II 7",
    "无超经营范围开展学科培训、作业辅导",
    "镇校外托管培训治理方案 四（一）3",
  ),
  item("COND-02 training 教育 II 7", "无超标超前培训（超纲教学）", "校外培训机构培训内容管理规定"),
  item("COND-03 training 教育 I 0", "无与入学升学挂钩的考试、竞赛和排名", "《义务教育法》；减负相关规定"),
  item("COND-04 all 市场监管 I 0", "无违法广告、虚假宣传和无序恶性竞争", "《广告法》；《反不正当竞争法》"),
  item(
    "COND-05 training 教育 II 15",
    "预收费合规：学科类不超过3个月或60课时，非学科类一次不超过5000元",
    "校外培训机构预收费监管规定",
  ),
  item("COND-06 all 市场监管 I 0", "收费明码标价，开具收费票据", "《价格法》第十三条"),
  // 交通 transport
  item(
    "TRAN-01 all 交警 II 7 na",
    "接送学生车辆安全合规（有资质、不超员、驾驶人合格）",
    "《道路交通安全法》；《校车安全管理条例》",
    "无接送车辆的选“不适用”。",
  ),
  // 卫生 health
  item(
    "HLTH-01 care 卫生健康 II 7",
    "落实卫生和传染病防控措施（晨午检、通风、消毒）",
    "《传染病防治法》；托育机构卫生评价规范",
  ),
  item("HLTH-02 care 卫生健康 II 30", "每学期接受卫生健康部门卫生检查", "镇校外托管培训治理方案 四（一）2"),
];
