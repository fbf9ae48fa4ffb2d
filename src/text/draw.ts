// The 公示 texts of a 双随机 draw (src/domain/spotcheck.ts): the notice with its method and list, and the
// results notice's lines. (Titles, modes and the draw's messages are DRAW_TEXT in zh.ts.)

/** A drawn institution whose inspectors are not yet chosen. */
export const TO_BE_ASSIGNED = "待定";

export const drawNoticeIntro = (
  date: string,
  township: string,
  seed: string,
  eligible: number,
  selected: number,
  mode: string,
  drawId: string,
) =>
  `${date}，${township}专项整治工作领导小组办公室以公开随机种子“${seed}”，从机构名录中符合条件的 ${eligible} 家机构中随机抽取 ${selected} 家进行${mode}，并从检查人员名录中随机选派检查人员（抽查编号 ${drawId}）。`;

export const drawNoticeMethod = (registerHash: string, method: string) =>
  `抽取前冻结的名录、人员和参数的 SHA-256 哈希为 ${registerHash}；抽取方法为 ${method}：按风险分层，用种子与序号的 SHA-256 值依次选取。任何人可用公布的名录快照和随机种子重新计算，结果应与本名单一致。`;

export const DRAW_LIST_HEADING = "抽查名单：";

/** `1. R0001 阳光培训（东村，校外培训机构）— 检查人员：张三、李四` */
export const drawNoticeLine = (
  n: number,
  id: string,
  name: string,
  village: string,
  type: string,
  inspectors: string,
) => `${n}. ${id} ${name}（${village}，${type}）— 检查人员：${inspectors}`;

/** `1. R0001 阳光培训（东村）：未发现问题（JC20260320-001）` */
export const resultsNoticeLine = (
  n: number,
  id: string,
  name: string,
  village: string,
  result: string,
  inspectionId: string,
) => `${n}. ${id} ${name}（${village}）：${result}${inspectionId ? `（${inspectionId}）` : ""}`;
