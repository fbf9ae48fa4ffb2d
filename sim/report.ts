// A short table for the terminal, read from the ledger as a coordinator would read it.
import type { Runtime } from "./runtime";
import { sheetRows } from "./township";

const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - width(s)));

export function summaryTable(rt: Runtime): string {
  const register = sheetRows(rt, "机构名录");
  const inspections = sheetRows(rt, "检查记录");
  const findings = sheetRows(rt, "问题台账");
  const types = ["校外培训机构", "校外托管机构", "小饭桌", "托育机构"];
  const header = ["类型", "机构", "新发现", "已检查", "一类", "二类", "三类", "逾期"];
  const lines: string[][] = [];
  const total = new Array<number>(header.length - 1).fill(0);
  for (const type of types) {
    const insts = register.filter((r) => r["类型"] === type);
    const ids = new Set(insts.map((r) => String(r["机构编号"])));
    const f = findings.filter((x) => ids.has(String(x["机构编号"])));
    const counts = [
      insts.length,
      insts.filter((r) => r["登记状态"] === "待核实").length,
      new Set(inspections.filter((i) => ids.has(String(i["机构编号"]))).map((i) => i["机构编号"])).size,
      f.filter((x) => String(x["类别"]).startsWith("一类")).length,
      f.filter((x) => String(x["类别"]).startsWith("二类")).length,
      f.filter((x) => String(x["类别"]).startsWith("三类")).length,
      f.filter((x) => String(x["逾期"]).startsWith("逾期")).length,
    ];
    counts.forEach((n, i) => (total[i] += n));
    lines.push([type, ...counts.map(String)]);
  }
  lines.push(["合计", ...total.map(String)]);
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]!))) + 2);
  const render = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join("");
  return [render(header), ...lines.map(render), `待核实 ${sheetRows(rt, "待核实").length} 条`].join("\n");
}
