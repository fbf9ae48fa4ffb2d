// The public complaints channel (举报, seed 001: 向社会公布专项治理行动举报电话和信箱). Anyone can fill it in
// without signing in; the phone number is optional. Each topic is routed to the department that leads on
// it (seed 000's division of duties; the township's office, 教育/社会事业服务中心, takes the rest).
import type { ComplaintForm } from "../src/domain/checklist";

export const COMPLAINT: ComplaintForm = {
  id: "complaint",
  kind: "complaint",
  version: "1.0.0",
  title: "校外培训及托管机构安全问题举报",
  help: "欢迎群众举报校外培训机构、托管班、小饭桌、托育机构的安全隐患和违规办学行为。无需登录；联系电话选填，仅用于核实和答复，严格保密。",
  topics: [
    { label: "消防安全（通道堵塞、灭火器缺失、电线私拉乱接等）", dept: "消防" },
    { label: "食品安全（无证供餐、食材变质、厨房脏乱等）", dept: "市场监管" },
    { label: "无证办学或超范围经营", dept: "教育" },
    { label: "超纲教学、违规收费或虚假宣传", dept: "教育" },
    { label: "打骂体罚、人身安全或从业人员问题", dept: "公安" },
    { label: "房屋或场地不安全", dept: "住建" },
    { label: "卫生防疫问题", dept: "卫生健康" },
    { label: "接送车辆不安全", dept: "交警" },
    { label: "其他问题", dept: "教育" },
  ],
};
