// Text the script writes into the ledger's cells and later reads back: the choices a form offers for an
// institution or an inspector (a response names its choice), the marks by which a retried run recognises
// what it already wrote (回复 …, （检查编号；), 复查记录's lines and the notes on new rows.

/** An institution in the register without a village, as its form choice shows it. */
export const NO_VILLAGE = "未填村";

/** Names the form response in a row's 备注, so a re-run finds the row it added (inspections, complaints). */
export const responseMark = (responseId: string) => `回复 ${responseId}`;

/** 备注 of an institution added to the register by an inspection that found it. */
export const foundOnInspectionNote = (inspectionId: string, responseId: string) =>
  `检查中新发现（${inspectionId}；${responseMark(responseId)}）`;

/** The part of a 复查记录 line that names its re-inspection: a retry of it looks for this. */
export const reinspectionMark = (inspectionId: string) => `（${inspectionId}；`;

/** One line of 复查记录: `2026-03-20 复查通过（JC20260320-001；张三、李四）：说明`. */
export const reinspectionRecord = (
  date: string,
  passed: boolean,
  inspectionId: string,
  inspectors: string,
  remark: string,
) =>
  `${date} ${passed ? "复查通过" : "复查未通过"}${reinspectionMark(inspectionId)}${inspectors}）${remark ? `：${remark}` : ""}`;

/** A finding's 备注: a 一类 put right during the visit, and the inspectors' uncoded remarks. */
export const FIXED_DURING_VISIT = "检查时已当场整改";
export const inspectionRemarks = (remarks: string) => `检查说明：${remarks}`;
